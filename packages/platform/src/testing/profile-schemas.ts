/**
 * Issue 15: the profile-area answer schemas (api/schemas/profile-objects.ts, legacy-objects.ts) and the
 * TypeScript type a JSON schema describes, so a client can check at compile time that its types take every
 * answer the OpenAPI document allows.
 */
export {
  address,
  director,
  legacyBusinessProfile,
  legacyPersonalProfile,
  ubo,
} from '../api/schemas/legacy-objects.js';
export {
  businessProfile,
  businessRepresentative,
  createdPersonalProfile,
  personalProfile,
} from '../api/schemas/profile-objects.js';

type Primitive<K, S> = K extends 'string'
  ? string
  : K extends 'integer' | 'number'
    ? number
    : K extends 'boolean'
      ? boolean
      : K extends 'null'
        ? null
        : K extends 'array'
          ? S extends { items: infer I }
            ? ReadonlyArray<SchemaType<I>>
            : ReadonlyArray<unknown>
          : K extends 'object'
            ? ObjectType<S>
            : unknown;

type Properties<S> = S extends { properties: infer P } ? P : Record<never, never>;
type Required<S> = S extends { required: readonly (infer R)[] } ? R : never;
type ObjectType<S> = {
  readonly [K in keyof Properties<S> as K extends Required<S> ? K : never]: SchemaType<Properties<S>[K]>;
} & {
  readonly [K in keyof Properties<S> as K extends Required<S> ? never : K]?: SchemaType<Properties<S>[K]>;
};

/**
 * The values a JSON schema of the subset these schemas use allows: `type` (one or a list), `enum`,
 * `properties` with `required`, `items`, `anyOf`/`oneOf`. Extra fields (`additionalProperties` open) are
 * not part of the type.
 */
export type SchemaType<S> = S extends { anyOf: readonly (infer U)[] }
  ? SchemaType<U>
  : S extends { oneOf: readonly (infer U)[] }
    ? SchemaType<U>
    : S extends { enum: readonly (infer E)[] }
      ? E
      : S extends { type: infer K }
        ? K extends readonly (infer E)[]
          ? E extends unknown
            ? Primitive<E, S>
            : never
          : Primitive<K, S>
        : unknown;
