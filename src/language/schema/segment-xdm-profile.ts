import type { FieldGroup, FieldSpec } from './segment-schema-model.js';
import {
    arr, bool, date, dateTime, emailAddress, hardEnum, identityMap, int, map, num, obj, phoneNumber, postalAddress, softEnum, str,
} from './segment-xdm-builders.js';

/**
 * The XDM Individual Profile class and the field groups segments use most, with their AEP `$id`s,
 * so that a user schema export referencing them (`allOf: [{ "$ref": "<id>" }]`) resolves offline.
 * Descriptions are our own summaries.
 */

const CONSENT_VALUES = {
    y: 'Yes (opted in)', n: 'No (opted out)', dy: 'Default yes (no explicit choice)', dn: 'Default no (no explicit choice)',
    LI: 'Legitimate interest', CT: 'Contract', CP: 'Legal obligation', VI: 'Vital interest', PI: 'Public interest',
};

const consentValue = (description: string): FieldSpec => obj(description, {
    val: hardEnum('The consent given (y, n, dy, dn or a legal basis).', CONSENT_VALUES),
});

const marketingChannel = (channel: string): FieldSpec => obj(`Consent to marketing by ${channel}.`, {
    val: hardEnum('The consent given (y, n, dy, dn or a legal basis).', CONSENT_VALUES),
    time: dateTime('When the preference was last changed.'),
    reason: str('Why the person gave or withdrew consent.'),
    subscriptions: map('Subscriptions to individual lists, keyed by list name.', obj('One subscription.', {
        val: hardEnum('The consent given for this list.', CONSENT_VALUES),
        type: str('Kind of subscription.'),
        subscribers: map('Subscribed identities.', obj('Subscriber.', { time: dateTime('Subscription time.') })),
    })),
});

const OPT_IN_OUT = { in: 'Opted in', out: 'Opted out', pending: 'Pending verification', not_provided: 'Not provided' };

export const PROFILE_GROUPS: readonly FieldGroup[] = [
    {
        id: 'https://ns.adobe.com/xdm/context/profile',
        title: 'XDM Individual Profile',
        fields: {
            _id: str('Unique identifier of the record.'),
            _repo: obj('Platform repository metadata (system fields).', {
                createDate: dateTime('When the record was created in Platform.'),
                modifyDate: dateTime('When the record was last modified in Platform.'),
            }),
            personID: str('Unique identifier of the person.'),
            identityMap: identityMap('Identities of the profile, keyed by identity namespace ("Email", "ECID", "Phone", …).'),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-person-details',
        title: 'Demographic Details',
        fields: {
            person: obj('Facts about the person.', {
                name: obj('The person\'s full name.', {
                    firstName: str('Given name.'),
                    middleName: str('Middle name or initial.'),
                    lastName: str('Family name.'),
                    fullName: str('The full name in the person\'s preferred order.'),
                    courtesyTitle: str('Form of address, e.g. "Ms." or "Dr.".'),
                    suffix: str('Generation or honorific suffix, e.g. "Jr.".'),
                }),
                birthDate: date('Full date of birth.'),
                birthDayAndMonth: str('Day and month of birth as "MM-DD", when the year is unknown.'),
                birthYear: int('Year of birth.'),
                gender: hardEnum('Gender the person identifies with.', { male: 'Male', female: 'Female', not_specified: 'Not specified', non_specific: 'Non-specific' }),
                maritalStatus: hardEnum('Marital status.', { married: 'Married', single: 'Single', divorced: 'Divorced', widowed: 'Widowed', separated: 'Separated', unknown: 'Unknown' }),
                nationality: str('Nationality, an ISO 3166-1 country code.'),
                taxId: str('Tax identification number.'),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-personal-details',
        title: 'Personal Contact Details',
        fields: {
            homeAddress: postalAddress('The person\'s home address.'),
            personalEmail: emailAddress('The person\'s personal email address.'),
            mobilePhone: phoneNumber('The person\'s mobile phone.'),
            homePhone: phoneNumber('The person\'s home phone.'),
            faxPhone: phoneNumber('The person\'s fax number.'),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-work-details',
        title: 'Work Contact Details',
        fields: {
            workAddress: postalAddress('The person\'s work address.'),
            workEmail: emailAddress('The person\'s work email address.'),
            workPhone: phoneNumber('The person\'s work phone.'),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/mixins/profile/profile-loyalty-details',
        title: 'Loyalty Details',
        fields: {
            loyalty: obj('Membership in a loyalty program.', {
                loyaltyID: arr('Loyalty account identifiers.', str('A loyalty account identifier.')),
                program: str('Name of the loyalty program.'),
                points: num('Current points balance.'),
                pointsRedeemed: num('Points redeemed so far.'),
                pointsExpiration: num('Points that will expire at the next expiration date.'),
                expirationDate: dateTime('When the next points expire.'),
                tier: str('Current tier, e.g. "gold".'),
                status: str('Status of the membership, e.g. "active".'),
                joinDate: dateTime('When the person joined the program.'),
                lapseDate: dateTime('When the membership lapsed.'),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/mixins/profile-consents',
        title: 'Consents and Preferences',
        fields: {
            consents: obj('Consents and contact preferences.', {
                collect: consentValue('Consent to collect data about the person.'),
                share: consentValue('Consent to share data with third parties.'),
                personalize: obj('Consent to personalise experiences.', {
                    content: consentValue('Consent to personalise content.'),
                }),
                marketing: obj('Consent to marketing communications, per channel.', {
                    preferred: softEnum('Preferred marketing channel.', { email: 'Email', sms: 'SMS', push: 'Push', call: 'Call', postalMail: 'Postal mail', inApp: 'In app', phone: 'Phone', whatsApp: 'WhatsApp', fax: 'Fax', none: 'None', unknown: 'Unknown' }),
                    any: consentValue('Consent to marketing on any channel.'),
                    email: marketingChannel('email'),
                    sms: marketingChannel('SMS'),
                    push: marketingChannel('push notification'),
                    call: marketingChannel('phone call'),
                    postalMail: marketingChannel('postal mail'),
                    whatsApp: marketingChannel('WhatsApp'),
                }),
                idSpecific: map('Consents per identity: namespace → identity value → consents.', map('Identities of the namespace.', obj('Consents of one identity.', {
                    marketing: obj('Marketing consents of the identity.', { any: consentValue('Consent to marketing on any channel.') }),
                }))),
                metadata: obj('Metadata about the consents.', {
                    time: dateTime('When any of the consents last changed.'),
                }),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-segmentation',
        title: 'Segment Membership Details',
        fields: {
            segmentMembership: map('Audience memberships: namespace ("ups", "AEPSegments", …) → audience id → membership.', map('Memberships in this namespace, keyed by audience id.', obj('One membership.', {
                status: hardEnum('Membership status.', { realized: 'Realized (entered)', existing: 'Existing (still qualifies)', exited: 'Exited' }),
                lastQualificationTime: dateTime('When the profile last qualified.'),
                validUntil: dateTime('When the membership stops being valid.'),
                version: str('Version of the audience definition.'),
                payload: obj('Extra data attached to the membership.', {
                    payloadPropensityType: str('Kind of propensity payload.'),
                    payloadType: str('Kind of payload.'),
                    payloadValue: str('Payload value.'),
                }),
            }))),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-privacy',
        title: 'Profile Privacy (legacy)',
        fields: {
            privacyOptOuts: arr('Privacy opt-outs of the person.', obj('One opt-out.', {
                optOutType: softEnum('What the person opted out of.', { general_opt_out: 'General opt-out', sales_sharing_opt_out: 'Opt-out of sale or sharing' }),
                optOutValue: hardEnum('The choice.', OPT_IN_OUT),
                timestamp: dateTime('When the choice was made.'),
            })),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/profile-preferences-details',
        title: 'Profile Preferences Details (legacy)',
        fields: {
            optInOut: obj('Legacy channel opt-in/opt-out choices.', {
                _channels: map('Choice per channel URI.', hardEnum('The choice for the channel.', OPT_IN_OUT)),
                globalOptout: bool('Whether the person opted out of everything.'),
            }),
        },
    },
];
