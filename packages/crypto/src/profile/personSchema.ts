/*
 * Loose validation of a Person, with the rules of the reference's schema-inspector definition
 * (blockstack.js src/profiles/profileSchemas/person.ts, auth-and-storage.md §5.1): `@type` must be a
 * string, the listed fields must have the listed shapes when present, and unknown fields are allowed
 * unless `strict` is set (strict applies to the top-level object only, as in the reference).
 */

export interface SchemaValidation {
  readonly valid: boolean;
  /** One line per violation, naming the property path, e.g. `@.image[0].@type: must be a string`. */
  readonly errors: readonly string[];
}

type FieldRule =
  | { kind: 'string'; optional: boolean }
  | { kind: 'object'; optional: boolean; fields: Record<string, FieldRule> }
  | { kind: 'array'; optional: boolean; item: Record<string, FieldRule> };

const str = (optional = true): FieldRule => ({ kind: 'string', optional });
const typed = (fields: Record<string, FieldRule>): Record<string, FieldRule> => ({ '@type': str(false), ...fields });
const listOf = (fields: Record<string, FieldRule>): FieldRule => ({ kind: 'array', optional: true, item: typed(fields) });

const PERSON_FIELDS: Record<string, FieldRule> = {
  '@context': str(),
  '@type': str(false),
  '@id': str(),
  name: str(),
  givenName: str(),
  familyName: str(),
  description: str(),
  image: listOf({ name: str(), contentUrl: str() }),
  website: listOf({ url: str() }),
  account: listOf({
    service: str(), identifier: str(), proofType: str(), proofUrl: str(), proofMessage: str(), proofSignature: str(),
  }),
  worksFor: listOf({ '@id': str() }),
  knows: listOf({ '@id': str() }),
  address: {
    kind: 'object', optional: true,
    fields: typed({ streetAddress: str(), addressLocality: str(), postalCode: str(), addressCountry: str() }),
  },
  birthDate: str(),
  taxID: str(),
};

/** The generic `Profile` schema: only `@context` and `@type` are checked. */
const PROFILE_FIELDS: Record<string, FieldRule> = { '@context': str(), '@type': str(false) };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFields(value: Record<string, unknown>, fields: Record<string, FieldRule>, path: string, errors: string[]): void {
  for (const [key, rule] of Object.entries(fields)) {
    const present = Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
    if (!present) {
      if (!rule.optional) errors.push(`${path}.${key}: is missing and not optional`);
      continue;
    }
    checkValue(value[key], rule, `${path}.${key}`, errors);
  }
}

function checkValue(value: unknown, rule: FieldRule, path: string, errors: string[]): void {
  if (rule.kind === 'string') {
    if (typeof value !== 'string') errors.push(`${path}: must be a string`);
  } else if (rule.kind === 'object') {
    if (!isPlainObject(value)) errors.push(`${path}: must be an object`);
    else checkFields(value, rule.fields, path, errors);
  } else if (!Array.isArray(value)) {
    errors.push(`${path}: must be an array`);
  } else {
    value.forEach((item, i) => {
      if (!isPlainObject(item)) errors.push(`${path}[${i}]: must be an object`);
      else checkFields(item, rule.item, `${path}[${i}]`, errors);
    });
  }
}

function validate(profile: unknown, fields: Record<string, FieldRule>, strict: boolean): SchemaValidation {
  const errors: string[] = [];
  if (!isPlainObject(profile)) return { valid: false, errors: ['@: must be an object'] };
  checkFields(profile, fields, '@', errors);
  if (strict) {
    for (const key of Object.keys(profile)) if (!Object.prototype.hasOwnProperty.call(fields, key)) errors.push(`@.${key}: is not allowed in strict mode`);
  }
  return { valid: errors.length === 0, errors };
}

/** blockstack.js `Person.validateSchema(profile, strict)`. Never throws. */
export function validatePersonSchema(profile: unknown, strict = false): SchemaValidation {
  return validate(profile, PERSON_FIELDS, strict);
}

/** blockstack.js `Profile.validateSchema(profile, strict)`. Never throws. */
export function validateProfileSchema(profile: unknown, strict = false): SchemaValidation {
  return validate(profile, PROFILE_FIELDS, strict);
}
