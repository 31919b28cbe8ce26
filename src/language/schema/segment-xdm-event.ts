import type { FieldGroup } from './segment-schema-model.js';
import { arr, bool, dateTime, identityMap, int, measure, num, obj, softEnum, str } from './segment-xdm-builders.js';

/** Standard `eventType` values (XDM `meta:enum`; custom strings are allowed). */
export const STANDARD_EVENT_TYPES: readonly string[] = [
    'advertising.clicks', 'advertising.completes', 'advertising.conversions', 'advertising.federated', 'advertising.firstQuartiles',
    'advertising.impressions', 'advertising.midpoints', 'advertising.starts', 'advertising.thirdQuartiles', 'advertising.timePlayed',
    'application.close', 'application.launch',
    'commerce.backofficeOrderCancelled', 'commerce.backofficeOrderPlaced', 'commerce.backofficeOrderShipped',
    'commerce.checkouts', 'commerce.productListAdds', 'commerce.productListOpens', 'commerce.productListRemovals',
    'commerce.productListReopens', 'commerce.productListViews', 'commerce.productViews', 'commerce.purchases', 'commerce.saveForLaters',
    'decisioning.propositionDisplay', 'decisioning.propositionDismiss', 'decisioning.propositionFetch', 'decisioning.propositionInteract',
    'decisioning.propositionSend', 'decisioning.propositionTrigger',
    'delivery.feedback',
    'directMarketing.emailBounced', 'directMarketing.emailBouncedSoft', 'directMarketing.emailClicked', 'directMarketing.emailDelivered',
    'directMarketing.emailOpened', 'directMarketing.emailSent', 'directMarketing.emailUnsubscribed',
    'inappmessageTracking.dismiss', 'inappmessageTracking.display', 'inappmessageTracking.interact',
    'leadOperation.callWebhook', 'leadOperation.changeCampaignStream', 'leadOperation.changeEngagementCampaignCadence',
    'leadOperation.convertLead', 'leadOperation.interestingMoment', 'leadOperation.newLead', 'leadOperation.scoreChanged',
    'leadOperation.statusInCampaignProgressionChanged',
    'listOperation.addToList', 'listOperation.removeFromList',
    'location.entry', 'location.exit',
    'media.adBreakComplete', 'media.adBreakStart', 'media.adComplete', 'media.adStart', 'media.bufferStart', 'media.chapterComplete',
    'media.chapterStart', 'media.error', 'media.pauseStart', 'media.ping', 'media.sessionComplete', 'media.sessionEnd', 'media.sessionStart',
    'message.feedback', 'message.tracking',
    'opportunityEvent.addToOpportunity', 'opportunityEvent.opportunityUpdated', 'opportunityEvent.removeFromOpportunity',
    'pushTracking.applicationOpened', 'pushTracking.customAction',
    'web.formFilledOut', 'web.webinteraction.linkClicks', 'web.webpagedetails.pageViews',
];

const pageDetails = {
    name: str('Name of the page, as reported by the site.'),
    URL: str('Full URL of the page.'),
    siteSection: str('Section of the site the page belongs to.'),
    server: str('Web server that served the page.'),
    viewName: str('Name of the view in a single-page application.'),
    isHomePage: bool('Whether the page is the site\'s home page.'),
    isErrorPage: bool('Whether the page is an error page.'),
    pageViews: measure('Page view counter (1 for a page view event).'),
};

export const EVENT_GROUPS: readonly FieldGroup[] = [
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent',
        title: 'XDM ExperienceEvent',
        fields: {
            _id: str('Unique identifier of the event.'),
            timestamp: dateTime('When the event happened (RFC 3339).'),
            // "search" belongs to the bundled convenience Search field group below (the seed example uses it).
            eventType: softEnum('Kind of event, e.g. "commerce.purchases"; custom values are allowed.', [...STANDARD_EVENT_TYPES, 'search']),
            producedBy: softEnum('Who or what produced the event.', { self: 'Self', system: 'System', salesRef: 'Sales representative', customerRep: 'Customer representative' }),
            identityMap: identityMap('Identities of the person who produced the event, keyed by namespace.'),
            _repo: obj('Platform repository metadata (system fields).', {
                createDate: dateTime('When the record was created in Platform.'),
                modifyDate: dateTime('When the record was last modified in Platform.'),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-commerce',
        title: 'Commerce Details',
        fields: {
            commerce: obj('Commerce actions of the event.', {
                order: obj('The order placed (for purchase events).', {
                    purchaseID: str('Identifier of the purchase, assigned by the seller.'),
                    purchaseOrderNumber: str('Purchase order number, assigned by the buyer.'),
                    priceTotal: num('Total price of the order after discounts and taxes.'),
                    currencyCode: str('ISO 4217 currency of the order, e.g. "USD".'),
                    payments: arr('Payments of the order.', obj('One payment.', {
                        paymentAmount: num('Amount paid.'),
                        paymentType: softEnum('Method of payment.', ['cash', 'credit_card', 'debit_card', 'gift_card', 'check', 'paypal', 'wire_transfer', 'credit_card_reference', 'other']),
                        currencyCode: str('ISO 4217 currency of the payment.'),
                        transactionID: str('Identifier of the payment transaction.'),
                    })),
                }),
                purchases: measure('Order placed.'),
                productViews: measure('Product viewed.'),
                productListViews: measure('Product list (cart) viewed.'),
                productListAdds: measure('Product added to the cart.'),
                productListRemovals: measure('Product removed from the cart.'),
                productListOpens: measure('Cart created.'),
                productListReopens: measure('Abandoned cart reopened.'),
                checkouts: measure('Checkout started.'),
                cartAbandons: measure('Cart abandoned.'),
                saveForLaters: measure('Product saved for later.'),
                inStorePurchase: measure('Purchase made in a store.'),
            }),
            productListItems: arr('Products of the event (viewed, added, bought).', obj('One product.', {
                _id: str('Identifier of the line item.'),
                SKU: str('Stock keeping unit of the product.'),
                name: str('Display name of the product.'),
                quantity: int('Number of units.'),
                priceTotal: num('Total price of the line item.'),
                discountAmount: num('Discount applied to the line item.'),
                currencyCode: str('ISO 4217 currency of the price.'),
                productAddMethod: str('How the product was added to the cart, e.g. "search".'),
                productImageUrl: str('URL of the product image.'),
                product: str('URI of the product in a product catalog schema.'),
                selectedOptions: arr('Options the customer chose, e.g. size and colour.', obj('One option.', {
                    attribute: str('Name of the option, e.g. "size".'),
                    value: str('Chosen value, e.g. "M".'),
                })),
            })),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-web',
        title: 'Web Details',
        fields: {
            web: obj('Web interaction details.', {
                webPageDetails: obj('The page where the event happened.', pageDetails),
                webReferrer: obj('The page that referred the visitor.', {
                    URL: str('URL of the referrer.'),
                    type: softEnum('Kind of referrer.', ['internal', 'external', 'search_engine', 'email', 'social', 'typed_bookmarked', 'unknown', 'usenet']),
                }),
                webInteraction: obj('A link click or other interaction.', {
                    name: str('Name of the link or interaction.'),
                    URL: str('URL of the link.'),
                    type: softEnum('Kind of interaction.', ['download', 'exit', 'other']),
                    linkClicks: measure('Link click counter.'),
                }),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-search',
        title: 'Search Details (convenience field group)',
        fields: {
            search: obj('On-site search of the event. Bundled for convenience: AEP sites usually add it with a custom field group; point segment.config.json at your schema if yours differs.', {
                keywords: str('The search terms the visitor entered.'),
                searchEngine: str('The search engine or site search used.'),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-marketing',
        title: 'Marketing Details',
        fields: {
            marketing: obj('Marketing campaign that led to the event.', {
                trackingCode: str('Campaign tracking code, e.g. from a URL parameter.'),
                campaignName: str('Name of the campaign.'),
                campaignGroup: str('Group of related campaigns.'),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-channel',
        title: 'Channel Details',
        fields: {
            channel: obj('Channel the event came through.', {
                _id: str('URI of the channel.'),
                type: softEnum('Kind of channel.', ['web', 'mobile', 'email', 'sms', 'push', 'inApp', 'directMail', 'phone', 'social', 'offline']),
                mediaType: softEnum('Media type of the channel.', ['earned', 'owned', 'paid']),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-environment-details',
        title: 'Environment Details',
        fields: {
            device: obj('The device used.', {
                type: softEnum('Kind of device.', ['mobile', 'tablet', 'desktop', 'ereader', 'gaming', 'television', 'settop', 'mediaplayer', 'computers', 'tv screens']),
                model: str('Device model name.'),
                manufacturer: str('Device manufacturer.'),
            }),
            environment: obj('The software environment.', {
                type: softEnum('Kind of environment.', ['browser', 'application', 'iot', 'external', 'widget']),
                operatingSystem: str('Operating system name.'),
                browserDetails: obj('Browser details.', {
                    name: str('Browser name.'),
                    version: str('Browser version.'),
                }),
            }),
            placeContext: obj('Where and when (local time) the event happened.', {
                localTime: dateTime('Local time of the event, with the offset of its time zone.'),
                geo: obj('Geographic location.', {
                    city: str('City name.'),
                    countryCode: str('ISO 3166-1 country code.'),
                    stateProvince: str('State or province.'),
                    postalCode: str('Postal code.'),
                    _schema: obj('Coordinates.', { latitude: num('Latitude.'), longitude: num('Longitude.') }),
                }),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/experience/analytics/experienceevent-all',
        title: 'Adobe Analytics ExperienceEvent Full Extension',
        fields: {
            _experience: obj('Fields of Adobe Experience Cloud applications.', {
                analytics: obj('Adobe Analytics data.', {
                    endUser: obj('The visitor.', {
                        firstWeb: obj('The visitor\'s first web visit.', {
                            webPageDetails: obj('First page of the first visit.', pageDetails),
                            webReferrer: obj('Referrer of the first visit.', { URL: str('URL of the referrer.'), type: str('Kind of referrer.') }),
                        }),
                    }),
                    session: obj('The visit.', {
                        num: int('Visit number of the visitor.'),
                        depth: int('Hit depth within the visit.'),
                    }),
                }),
            }),
        },
    },
    {
        id: 'https://ns.adobe.com/xdm/context/experienceevent-metrics-legacy',
        title: 'Metrics (legacy 2019 names)',
        fields: {
            metrics: obj('Event counters under their 2019 names, used by legacy PQL examples; prefer commerce.* in new segments.', {
                commerce: obj('Legacy commerce counters.', {
                    abandons: measure('Cart abandoned.'),
                    checkouts: measure('Checkout started.'),
                    productViews: measure('Product viewed.'),
                    productListViews: measure('Product list viewed.'),
                    productListAdds: measure('Product added to the cart.'),
                    purchases: measure('Order placed.'),
                }),
            }),
        },
    },
];
