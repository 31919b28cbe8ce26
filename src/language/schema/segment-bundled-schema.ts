import { schemaFromGroups, type FieldGroup, type XdmSchema } from './segment-schema-model.js';
import { EVENT_GROUPS } from './segment-xdm-event.js';
import { PROFILE_GROUPS } from './segment-xdm-profile.js';

/** Standard field groups by AEP `$id`, for resolving `$ref`s of a user's schema export. */
export const KNOWN_FIELD_GROUPS: ReadonlyMap<string, FieldGroup> = new Map(
    [...PROFILE_GROUPS, ...EVENT_GROUPS].map(group => [group.id, group]),
);

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
