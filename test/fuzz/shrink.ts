/** How much work shrinking one failure may take. */
export interface ShrinkBudget {
    attempts: number;
    ms: number;
}

/**
 * Delta debugging (ddmin, simplified): removes ever smaller chunks — of lines first, then of
 * characters — as long as `reproduces` still holds, within the budget. Returns the smallest
 * reproducing text found (the input itself when nothing smaller reproduces).
 */
export async function shrink(text: string, reproduces: (candidate: string) => Promise<boolean>, budget: ShrinkBudget): Promise<{ text: string; attempts: number }> {
    const deadline = Date.now() + budget.ms;
    let attempts = 0;
    const tryCandidate = async (candidate: string): Promise<boolean> => {
        attempts++;
        return reproduces(candidate);
    };
    const within = () => attempts < budget.attempts && Date.now() < deadline;
    let best = text;
    for (const unit of ['line', 'character'] as const) {
        let parts = split(best, unit);
        let chunk = Math.max(1, Math.floor(parts.length / 2));
        while (chunk >= 1 && within()) {
            let removed = false;
            for (let start = 0; start < parts.length && within(); start += chunk) {
                const candidate = [...parts.slice(0, start), ...parts.slice(start + chunk)];
                if (candidate.length < parts.length && await tryCandidate(candidate.join(''))) {
                    parts = candidate;
                    removed = true;
                    start -= chunk;
                }
            }
            if (!removed) {
                chunk = chunk === 1 ? 0 : Math.max(1, Math.floor(chunk / 2));
            }
        }
        best = parts.join('');
    }
    return { text: best, attempts };
}

function split(text: string, unit: 'line' | 'character'): string[] {
    return unit === 'line' ? text.split(/(?<=\n)/u) : [...text];
}
