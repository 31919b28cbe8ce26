/**
 * The one timestamp format of the results panel: `2026-10-21 14:03 UTC`, in the run's time zone
 * (named after the time, so a reader never wonders which zone). Seconds only when they are not zero.
 * Pure: no `vscode` import, unit-tested.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(value: string | number | undefined, timeZone = 'UTC'): string | undefined {
    if (value === undefined || value === '') {
        return undefined;
    }
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
        return typeof value === 'string' ? value : undefined;
    }
    const zone = validZone(timeZone);
    let format = formats.get(zone);
    if (!format) {
        format = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
        });
        formats.set(zone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(date).map(p => [p.type, p.value]));
    const seconds = parts.second === '00' ? '' : `:${parts.second}`;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds} ${zone}`;
}

/** The zone itself when Intl knows it, else UTC (the run refuses unknown zones; this only guards the display). */
function validZone(timeZone: string): string {
    try {
        new Intl.DateTimeFormat('en', { timeZone });
        return timeZone;
    } catch {
        return 'UTC';
    }
}
