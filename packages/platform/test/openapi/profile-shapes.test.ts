import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/openapi-document.js';

// Issue 15: the profile-area routes (profiles v1/v2/v3, addresses, address requirements, directors, UBOs,
// the business representative) describe Wise's shapes (https://docs.wise.com/api-reference/profile,
// https://docs.wise.com/api-reference/address), and every example they carry, Wise's documented bodies,
// validates against its own schema.

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  title?: string;
};
type Media = { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = {
  tags?: string[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

/** The routes of api/schemas/profiles.ts: the `profiles` tag (verification and webhooks share prefixes). */
const MINE = /^\/(v1\/profiles|v2\/profiles|v3\/profiles|v1\/addresses|v1\/address-requirements)/;
const json = (content: Record<string, Media> | undefined) => content?.['application/json'];
const examplesOf = (media: Media): unknown[] => [
  ...('example' in media ? [media.example] : []),
  ...Object.values(media.examples ?? {}).map((e) => e.value),
];

describe("the profile routes' shapes in the OpenAPI document", () => {
  let document: Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  const operations: { name: string; op: Operation }[] = [];
  before(async () => {
    document = (await openApiDocument()) as Document;
    for (const [path, methods] of Object.entries(document.paths)) {
      if (!MINE.test(path)) continue;
      for (const [method, op] of Object.entries(methods))
        if (op.tags?.includes('profiles')) operations.push({ name: `${method} ${path}`, op });
    }
  });
  const schemaOf = (path: string, method: string, status = '200') =>
    json(document.paths[path]![method]!.responses![status]!.content)!.schema!;

  test('every 2xx JSON answer and every JSON body has properties (no bare object), and an example', () => {
    assert.ok(operations.length >= 24, `found the routes (${operations.length})`);
    for (const { name, op } of operations) {
      const parts = [
        ...(op.requestBody ? [['request', json(op.requestBody.content)] as const] : []),
        ...Object.entries(op.responses ?? {})
          .filter(([status]) => status.startsWith('2'))
          .map(([status, r]) => [status, json(r.content)] as const),
      ];
      for (const [part, media] of parts) {
        if (!media?.schema) continue;
        const shape = media.schema.type === 'array' ? media.schema.items! : media.schema;
        const described = shape.properties ?? shape.oneOf ?? shape.anyOf;
        assert.ok(described, `${name} ${part} describes its fields`);
        assert.ok(examplesOf(media).length > 0, `${name} ${part} has an example`);
      }
    }
  });

  test("each example validates against its own schema (Wise's documented bodies)", () => {
    let checked = 0;
    for (const { name, op } of operations) {
      const media = [
        ['request', json(op.requestBody?.content)] as const,
        ...Object.entries(op.responses ?? {}).map(([status, r]) => [status, json(r.content)] as const),
      ];
      for (const [part, m] of media) {
        if (!m?.schema) continue;
        const validate = ajv.compile(m.schema);
        for (const value of examplesOf(m)) {
          checked++;
          assert.ok(
            validate(value),
            `${name} ${part}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`,
          );
        }
      }
    }
    assert.ok(checked >= 40, `examples checked (${checked})`);
  });

  test('the v2 profile object: personal or business by type, with the fields Wise always sends', () => {
    const got = schemaOf('/v2/profiles/{id}', 'get');
    const [personal, business] = got.oneOf!;
    assert.equal(personal!.title, 'PersonalProfile');
    assert.equal(business!.title, 'BusinessProfile');
    for (const field of [
      'id',
      'type',
      'publicId',
      'userId',
      'address',
      'email',
      'createdAt',
      'contactDetails',
    ])
      assert.ok(personal!.required!.includes(field) && business!.required!.includes(field), field);
    assert.deepEqual(personal!.properties!['type']!['enum'], ['PERSONAL']);
    assert.deepEqual(business!.properties!['avatar'], undefined, "no avatar on Wise's business example");
    // Null where the platform sends null; open to the fields Wise adds.
    assert.deepEqual(personal!.properties!['avatar']!['type'], ['string', 'null']);
    assert.equal(personal!.additionalProperties, undefined);
    // The list and the get share the one object.
    assert.deepEqual(schemaOf('/v2/profiles', 'get').items, got);
    assert.deepEqual(schemaOf('/v2/profiles/business-profile', 'post'), business);
    assert.deepEqual(schemaOf('/v2/profiles/{id}/business-profile', 'put'), business);
  });

  test('the create-personal answer and the v1 object require id, type and details', () => {
    const created = schemaOf('/v2/profiles/personal-profile', 'post');
    assert.deepEqual(created.required, ['id', 'type', 'details']);
    assert.ok(created.properties!['details']!.required!.includes('localizedInformation'));
    for (const legacy of schemaOf('/v1/profiles/{id}', 'get').oneOf!)
      assert.deepEqual(legacy.required, ['id', 'type', 'details']);
    const address = schemaOf('/v1/addresses/{id}', 'get');
    assert.equal(address.title, 'Address');
    assert.deepEqual(address.properties!['details']!.properties!['state']!['type'], ['string', 'null']);
    const requirement = schemaOf('/v1/address-requirements', 'get').items!;
    const group = requirement.properties!['fields']!.items!.properties!['group']!.items!;
    assert.ok(group.required!.includes('refreshRequirementsOnChange'));
  });

  test('a request body the profile module refuses is refused by the schema too, never the reverse', () => {
    const body = json(document.paths['/v2/profiles/personal-profile']!.post!.requestBody!.content)!.schema!;
    const validate = ajv.compile(body);
    const wise = examplesOf(
      json(document.paths['/v2/profiles/personal-profile']!.post!.requestBody!.content)!,
    );
    // Null for a field is absent to the module: the schema takes it, the module answers its own 422.
    assert.equal(validate({ ...(wise[0] as object), preferredName: null }), true);
    // A name that is a number is the module's 422 UNEXPECTED, and the schema's refusal too.
    assert.equal(validate({ ...(wise[0] as object), firstName: 42 }), false);
    // A field the module does not read takes anything.
    assert.equal(validate({ ...(wise[0] as object), firstNameInKana: 7 }), true);
    const { lastName: _, ...noLastName } = wise[0] as Record<string, unknown>;
    assert.equal(validate(noLastName), false, 'the module answers 422 MISSING for it');
  });
});
