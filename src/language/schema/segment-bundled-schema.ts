import { schemaFromGroups, type FieldGroup, type FieldSpec, type XdmSchema } from './segment-schema-model.js';
import { emailAddress, identityMap, measure, phoneNumber, postalAddress } from './segment-xdm-builders.js';
import { EVENT_GROUPS } from './segment-xdm-event.js';
import { PROFILE_GROUPS } from './segment-xdm-profile.js';

/**
 * The IdentityMap field group: AEP exports list it in `allOf` of both profile and event schemas.
 * The bundled class groups already carry `identityMap`, so it is only needed to resolve exports.
 */
const IDENTITY_MAP_GROUP: FieldGroup = {
    id: 'https://ns.adobe.com/xdm/context/identitymap',
    title: 'IdentityMap',
    fields: { identityMap: identityMap('Identities of the record, keyed by identity namespace ("Email", "ECID", "Phone", …).') },
};

/** Standard field groups by AEP `$id`, for resolving `$ref`s of a user's schema export. */
export const KNOWN_FIELD_GROUPS: ReadonlyMap<string, FieldGroup> = new Map(
    [...PROFILE_GROUPS, ...EVENT_GROUPS, IDENTITY_MAP_GROUP].map(group => [group.id, group]),
);

/** Standard XDM data types by `$id`, for `$ref`s inside a user's own field groups. */
export const KNOWN_DATA_TYPES: ReadonlyMap<string, FieldSpec> = new Map([
    ['https://ns.adobe.com/xdm/common/address', postalAddress('Postal address.')],
    ['https://ns.adobe.com/xdm/context/postal-address', postalAddress('Postal address.')],
    ['https://ns.adobe.com/xdm/context/emailaddress', emailAddress('Email address.')],
    ['https://ns.adobe.com/xdm/context/phonenumber', phoneNumber('Phone number.')],
    ['https://ns.adobe.com/xdm/data/measure', measure('Measure.')],
    ['https://ns.adobe.com/xdm/context/identitymap', identityMap('Identity map.')],
    ['https://ns.adobe.com/xdm/context/person', PROFILE_GROUPS[1].fields.person],
    ['https://ns.adobe.com/xdm/context/person-name', PROFILE_GROUPS[1].fields.person.fields!.name],
]);

/** The AEP class ids: a schema of that class gets the class's core fields. */
export const PROFILE_CLASS_ID = 'https://ns.adobe.com/xdm/context/profile';
export const EVENT_CLASS_ID = 'https://ns.adobe.com/xdm/context/experienceevent';

let profile: XdmSchema | undefined;
let event: XdmSchema | undefined;

/** The bundled XDM Individual Profile union (built once, immutable). */
export function bundledProfileSchema(): XdmSchema {
    return profile ??= schemaFromGroups(PROFILE_GROUPS, 'bundled XDM Individual Profile', 'profile');
}

/** The bundled XDM ExperienceEvent union (built once, immutable). */
export function bundledEventSchema(): XdmSchema {
    return event ??= schemaFromGroups(EVENT_GROUPS, 'bundled XDM ExperienceEvent', 'experience event');
}
