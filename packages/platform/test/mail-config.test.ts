import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadPlatformConfig, type PlatformSettings } from '../src/config/config.js';
import { TEST_SERVER_SECRET } from './support/index.js';

const load = (settings: PlatformSettings = {}, env: NodeJS.ProcessEnv = {}) =>
  loadPlatformConfig({ env, overrides: { mode: 'test', serverSecret: TEST_SERVER_SECRET, ...settings } });

describe('mail settings', () => {
  test('defaults: no SMTP, a From, a 5-second poll, a platform name', () => {
    const config = load();
    assert.equal(config.smtpUrl, null);
    assert.equal(config.mailFrom, 'Account access <no-reply@localhost>');
    assert.equal(config.mailPollSeconds, 5);
    assert.equal(config.platformName, 'Account access');
  });

  test('read from the environment', () => {
    const config = load(
      {},
      {
        SMTP_URL: 'smtps://user:pass@mail.example:465',
        PLATFORM_MAIL_FROM: 'Example <no-reply@platform.example>',
        PLATFORM_MAIL_POLL_SECONDS: '0',
        PLATFORM_NAME: 'Example',
      },
    );
    assert.equal(config.smtpUrl, 'smtps://user:pass@mail.example:465');
    assert.equal(config.mailFrom, 'Example <no-reply@platform.example>');
    assert.equal(config.mailPollSeconds, 0);
    assert.equal(config.platformName, 'Example');
  });

  test('refused: a non-SMTP URL (without echoing it), a From that is not one address line, a negative poll', () => {
    assert.throws(
      () => load({ smtpUrl: 'http://user:hunter2@mail.example' }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
    assert.throws(() => load({ smtpUrl: 'not a url' }), ConfigError);
    for (const from of ['no address', 'A <a@b.example>\r\nBcc: x@y.example', 'a@b.example, c@d.example']) {
      assert.throws(() => load({ mailFrom: from }), ConfigError, from);
    }
    assert.throws(() => load({ mailPollSeconds: -1 }), ConfigError);
  });
});
