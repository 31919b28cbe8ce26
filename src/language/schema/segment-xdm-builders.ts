import type { FieldSpec } from './segment-schema-model.js';

/** Shorthands for writing the bundled XDM field groups as data. */

export const str = (description: string, title?: string): FieldSpec => ({ type: 'string', description, title });
export const int = (description: string): FieldSpec => ({ type: 'integer', description });
export const num = (description: string): FieldSpec => ({ type: 'number', description });
export const bool = (description: string): FieldSpec => ({ type: 'boolean', description });
export const date = (description: string): FieldSpec => ({ type: 'date', description });
export const dateTime = (description: string): FieldSpec => ({ type: 'date-time', description });
export const obj = (description: string, fields: Record<string, FieldSpec>): FieldSpec => ({ type: 'object', description, fields });
export const arr = (description: string, item: FieldSpec): FieldSpec => ({ type: 'array', description, item });
export const map = (description: string, item: FieldSpec): FieldSpec => ({ type: 'map', description, item });

/** A closed set of values (JSON Schema `enum`): other values are errors. */
export const hardEnum = (description: string, values: Record<string, string> | readonly string[]): FieldSpec => ({
    type: 'string', description, enum: enumInfo(values, true),
});

/** Suggested values (XDM `meta:enum`): other values are allowed, with a warning. */
export const softEnum = (description: string, values: Record<string, string> | readonly string[]): FieldSpec => ({
    type: 'string', description, enum: enumInfo(values, false),
});

function enumInfo(values: Record<string, string> | readonly string[], hard: boolean): FieldSpec['enum'] {
    return isList(values)
        ? { values, hard }
        : { values: Object.keys(values), labels: values, hard };
}

function isList(values: Record<string, string> | readonly string[]): values is readonly string[] {
    return Array.isArray(values);
}

/** XDM Measure data type: `{ id, value }`, as used by commerce and web metrics. */
export const measure = (description: string): FieldSpec => obj(description, {
    id: str('Unique identifier of the measure.'),
    value: num('The quantity measured (for counters, usually 1 per event).'),
});

/** XDM Postal address data type, shared by home and work addresses. */
export const postalAddress = (description: string): FieldSpec => obj(description, {
    primary: bool('Whether this is the person\'s primary address.'),
    street1: str('First line of the street address.'),
    street2: str('Second line of the street address.'),
    street3: str('Third line of the street address.'),
    street4: str('Fourth line of the street address.'),
    city: str('Town or city name.'),
    region: str('Region, county or district part of the address.'),
    stateProvince: str('State or province, often an ISO 3166-2 subdivision code such as "US-CA".'),
    stateProvinceISO: str('State or province code (older XDM name, still used in PQL examples).'),
    postalCode: str('Postal or ZIP code.'),
    country: str('Country name as entered, e.g. "Canada".'),
    countryCode: str('Two-letter ISO 3166-1 country code, e.g. "US".'),
    countryISO: str('Country code (older XDM name, still used in PQL examples).'),
    lastVerifiedDate: date('Day the address was last confirmed to be correct.'),
    status: softEnum('Whether mail to the address arrives.', { active: 'Active', incomplete: 'Incomplete', pending_verification: 'Pending verification', blacklisted: 'Blocked', blocked: 'Blocked' }),
});

/** XDM Email address data type. */
export const emailAddress = (description: string): FieldSpec => obj(description, {
    address: str('The email address, e.g. "jane@example.com".'),
    primary: bool('Whether this is the person\'s primary email address.'),
    label: str('Free-form label of the address.'),
    type: softEnum('Kind of address.', { personal: 'Personal', work: 'Work', education: 'Education', other: 'Other' }),
    status: softEnum('Whether mail to the address can be delivered.', { active: 'Active', incomplete: 'Incomplete', pending_verification: 'Pending verification', blacklisted: 'Blocked', blocked: 'Blocked' }),
});

/** XDM Phone number data type. */
export const phoneNumber = (description: string): FieldSpec => obj(description, {
    number: str('The phone number as entered, ideally in E.164 form.'),
    primary: bool('Whether this is the person\'s primary phone number.'),
    status: softEnum('Whether the number can be reached.', { active: 'Active', incomplete: 'Incomplete', pending_verification: 'Pending verification', blacklisted: 'Blocked', blocked: 'Blocked' }),
    validity: softEnum('Whether the number is well formed.', { consistent: 'Consistent', inconsistent: 'Inconsistent', incomplete: 'Incomplete', invalid: 'Invalid', shared: 'Shared' }),
});

/** XDM identity map: namespace → identities. */
export const identityMap = (description: string): FieldSpec => map(description, arr('Identities in this namespace.', obj('One identity.', {
    id: str('The identity value, e.g. an email address or ECID.'),
    authenticatedState: softEnum('How the identity was established.', { ambiguous: 'Ambiguous', authenticated: 'Authenticated', loggedOut: 'Logged out' }),
    primary: bool('Whether this is the primary identity of the record.'),
})));
