/**
 * `S like P` (§2.6): `%` is any run of characters, `_` exactly one (a code point), the rest literal;
 * whole-string and case-sensitive. Matched without backtracking: the pattern splits at `%` into
 * pieces that must occur in order, the first at the start and the last at the end. Taking each middle
 * piece at its leftmost occurrence is always right (a later start could only leave less room), so
 * the time is O(subject × pattern) for any pattern — `%a%a%a%a%a%b` on 10,000 characters included.
 */

/** A piece between two `%`: literal text, or code points and wildcards (null) when it holds `_`. */
type Piece = string | Array<number | null>;

/** Compiles a like pattern into a test of a whole string. */
export function compileLike(pattern: string): (subject: string) => boolean {
    const pieces: Piece[] = pattern.split('%').map(text => (text.includes('_') ? Array.from(text, ch => (ch === '_' ? null : ch.codePointAt(0)!)) : text));
    const wildcards = pieces.some(p => typeof p !== 'string');
    if (!wildcards) {
        return subject => matchText(pieces as string[], subject);
    }
    return subject => matchPoints(pieces.map(p => (typeof p === 'string' ? Array.from(p, ch => ch.codePointAt(0)!) : p)), Array.from(subject, ch => ch.codePointAt(0)!));
}

function matchText(pieces: string[], s: string): boolean {
    const first = pieces[0];
    if (pieces.length === 1) {
        return s === first;
    }
    const last = pieces[pieces.length - 1];
    if (!s.startsWith(first) || s.length - last.length < first.length || !s.endsWith(last)) {
        return false;
    }
    let pos = first.length;
    const end = s.length - last.length;
    for (let i = 1; i < pieces.length - 1; i++) {
        const at = s.indexOf(pieces[i], pos);
        if (at < 0 || at + pieces[i].length > end) {
            return false;
        }
        pos = at + pieces[i].length;
    }
    return true;
}

/** Does `piece` match `s` at `at` (a null in the piece matches any code point)? */
function pieceAt(piece: Array<number | null>, s: number[], at: number): boolean {
    if (at < 0 || at + piece.length > s.length) {
        return false;
    }
    for (let i = 0; i < piece.length; i++) {
        if (piece[i] !== null && piece[i] !== s[at + i]) {
            return false;
        }
    }
    return true;
}

function matchPoints(pieces: Array<Array<number | null>>, s: number[]): boolean {
    const first = pieces[0];
    if (pieces.length === 1) {
        return first.length === s.length && pieceAt(first, s, 0);
    }
    const last = pieces[pieces.length - 1];
    const end = s.length - last.length;
    if (end < first.length || !pieceAt(first, s, 0) || !pieceAt(last, s, end)) {
        return false;
    }
    let pos = first.length;
    for (let i = 1; i < pieces.length - 1; i++) {
        const piece = pieces[i];
        let at = pos;
        while (at + piece.length <= end && !pieceAt(piece, s, at)) {
            at++;
        }
        if (at + piece.length > end) {
            return false;
        }
        pos = at + piece.length;
    }
    return true;
}
