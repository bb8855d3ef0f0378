import { alpha3Of, isAlpha2, STATES } from './countries.js';

/**
 * `GET`/`POST /v1/address-requirements` (contract §8, https://docs.wise.com/api-reference/address, "Retrieve
 * address requirements dynamically"): the fields a valid `POST /v1/addresses` needs, for a dynamic form.
 * Without details: country, city, postCode, firstLine. With a country that needs a state (US, CA, BR, AU):
 * `state` too; with a country or US state that needs occupations (CA, IN, JP, ID, IL, MX, US-NM): the
 * occupation too. The rules are parseLegacyAddress's; the labels, examples and the occupation's key
 * (`occupations[0].code`) are ours, and a state's name is its code.
 */

interface Field {
  name: string;
  key: string;
  type: 'select' | 'text';
  refreshRequirementsOnChange: boolean;
  required: boolean;
  example: string;
  maxLength: number | null;
  valuesAllowed: { key: string; name: string }[] | null;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Every ISO 3166-1 alpha-2 code the platform knows, with its English name, by name. */
const COUNTRIES = (() => {
  const out: { key: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const key = String.fromCharCode(a, b);
      if (isAlpha2(key)) out.push({ key, name: regionNames.of(key) ?? key });
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, 'en'));
})();

const OCCUPATION_COUNTRIES = ['CAN', 'IND', 'JPN', 'IDN', 'ISR', 'MEX'];

const field = (over: Partial<Field> & Pick<Field, 'name' | 'key' | 'example'>): Field => ({
  type: 'text',
  refreshRequirementsOnChange: false,
  required: true,
  maxLength: null,
  valuesAllowed: null,
  ...over,
});

/** Wise's field object: the group of one key, with the validation entries Wise's example has. */
const wire = ({ name, ...rest }: Field) => ({
  name,
  group: [
    {
      key: rest.key,
      type: rest.type,
      refreshRequirementsOnChange: rest.refreshRequirementsOnChange,
      required: rest.required,
      displayFormat: null,
      example: rest.example,
      minLength: null,
      maxLength: rest.maxLength,
      validationRegexp: null,
      validationAsync: null,
      valuesAllowed: rest.valuesAllowed,
    },
  ],
});

/** The requirements for what `details` holds so far (`country`, `state`); anything unreadable is ignored. */
export function addressRequirements(details: Record<string, unknown> = {}) {
  const raw = typeof details['country'] === 'string' ? details['country'].trim() : '';
  const country = isAlpha2(raw) ? alpha3Of(raw) : null;
  const state = typeof details['state'] === 'string' ? details['state'].trim().toUpperCase() : '';
  const fields: Field[] = [
    field({
      name: 'Country',
      key: 'country',
      type: 'select',
      refreshRequirementsOnChange: true,
      example: 'Germany',
      valuesAllowed: COUNTRIES,
    }),
    field({ name: 'City', key: 'city', example: 'London', maxLength: 100 }),
    field({ name: 'Postal code', key: 'postCode', example: '10025', maxLength: 30 }),
    field({ name: 'Address', key: 'firstLine', example: '50 Sunflower Ave', maxLength: 100 }),
  ];
  const states = country ? STATES[country] : undefined;
  if (states) {
    fields.push(
      field({
        name: 'State',
        key: 'state',
        type: 'select',
        refreshRequirementsOnChange: country === 'USA',
        example: states[0]!,
        valuesAllowed: states.map((s) => ({ key: s, name: s })),
      }),
    );
  }
  if (country && (OCCUPATION_COUNTRIES.includes(country) || (country === 'USA' && state === 'NM'))) {
    fields.push(
      field({ name: 'Occupation', key: 'occupations[0].code', example: 'Software Engineer', maxLength: 100 }),
    );
  }
  return [{ type: 'address', fields: fields.map(wire) }];
}
