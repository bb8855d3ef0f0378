import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml } from '@account-access/kit';
import { emailCodeMail } from '../src/mail/templates/email-code.js';
import { setPasswordMail } from '../src/mail/templates/set-password.js';

describe('mail templates', () => {
  test('escapeHtml escapes the five HTML metacharacters and nothing else', () => {
    assert.equal(
      escapeHtml(`<a href="x">Tom & Jerry's</a> é`),
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; é',
    );
  });

  test('the emailed-code message: one-line subject, plain text with the link alone on its line, a whole HTML page', () => {
    const link = 'https://platform.example/oauth/email-code/abc_DEF-123';
    const mail = emailCodeMail({
      to: 'person@example.com',
      platformName: 'Example <Platform>',
      partnerName: 'Bank\r\nBcc: evil@example.com',
      link,
      validMinutes: 30,
    });
    assert.equal(mail.template, 'email-code');
    assert.equal(
      mail.subject,
      'Bank Bcc: evil@example.com asks for access to your account at Example <Platform>',
    );
    assert.ok(mail.text.split('\n').includes(link));
    assert.match(
      mail.text,
      /^Bank Bcc: evil@example\.com would like to connect to your account at Example <Platform>\.$/m,
    );
    assert.doesNotMatch(mail.text, /&lt;|<p|<a/, 'the text part is text, not markup');
    assert.match(mail.html, /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    assert.match(mail.html, /<title>[^<]*your account at Example &lt;Platform&gt;<\/title>/);
    assert.match(mail.html, /<\/body>\n<\/html>\n$/);
    assert.equal(mail.html.match(new RegExp(`href="${link}"`, 'g'))?.length, 1);
    assert.ok(!mail.html.includes('<Platform>'));
  });

  test('the subjects read for any platform name: the default "Account access" is never "your Account access account"', () => {
    const mail = { to: 'person@example.com', link: 'https://platform.example/x', validMinutes: 30 };
    const subjects = (platformName: string) => [
      emailCodeMail({ ...mail, platformName, partnerName: 'Demo Bank' }).subject,
      setPasswordMail({ ...mail, platformName }).subject,
    ];
    assert.deepEqual(subjects('Wise Sandbox'), [
      'Demo Bank asks for access to your account at Wise Sandbox',
      'Set your password at Wise Sandbox',
    ]);
    assert.deepEqual(subjects('Account access'), [
      'Demo Bank asks for access to your account at Account access',
      'Set your password at Account access',
    ]);
    for (const subject of subjects('Account access')) assert.doesNotMatch(subject, /access account/);
  });
});
