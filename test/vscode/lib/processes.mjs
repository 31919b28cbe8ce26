// Stops the processes a test run started, by pid, children first. code-server's wrapper ignores
// SIGTERM while its child (`entry`) runs, and the child owns the extension host and the language
// server; so the whole tree is recorded first and each recorded process is stopped individually.
import { readdirSync, readFileSync } from 'node:fs';

/** `{ pid, ppid, startTime }` of a live process from /proc, or undefined once it is gone. */
function processInfo(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z') {
            return undefined; // a zombie has exited already
        }
        return { pid, ppid: Number(fields[1]), startTime: fields[19] };
    } catch {
        return undefined;
    }
}

/** The descendants of `rootPid`, deepest first, each with its start time (to guard against pid reuse). */
export function descendantsOf(rootPid) {
    const all = [];
    for (const entry of readdirSync('/proc')) {
        if (/^\d+$/.test(entry)) {
            const info = processInfo(Number(entry));
            if (info) {
                all.push(info);
            }
        }
    }
    const children = new Map();
    for (const info of all) {
        const siblings = children.get(info.ppid) ?? [];
        siblings.push(info);
        children.set(info.ppid, siblings);
    }
    const result = [];
    const visit = (pid, depth) => {
        for (const child of children.get(pid) ?? []) {
            visit(child.pid, depth + 1);
            result.push({ ...child, depth });
        }
    };
    visit(rootPid, 1);
    return result.sort((a, b) => b.depth - a.depth);
}

function isSameProcessAlive(recorded) {
    const now = processInfo(recorded.pid);
    return now !== undefined && now.startTime === recorded.startTime;
}

function signal(recorded, name) {
    if (isSameProcessAlive(recorded)) {
        try {
            process.kill(recorded.pid, name);
        } catch {
            // exited in between
        }
    }
}

async function waitUntilGone(recordedList, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (recordedList.some(isSameProcessAlive) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return recordedList.filter(isSameProcessAlive);
}

/**
 * Stops the code-server wrapper `child` (a ChildProcess this run spawned) and everything below it:
 * SIGTERM to the wrapper's direct children (`entry`), then to the wrapper, then SIGKILL to any
 * recorded process still alive. Returns the pids that had to be killed.
 */
export async function stopProcessTree(child, { graceMs = 5_000 } = {}) {
    if (!child || child.pid === undefined) {
        return [];
    }
    const wrapper = processInfo(child.pid);
    if (!wrapper) {
        return [];
    }
    const descendants = descendantsOf(child.pid);
    const direct = descendants.filter((info) => info.ppid === child.pid);
    for (const info of direct) {
        signal(info, 'SIGTERM');
    }
    await waitUntilGone(direct, graceMs);
    signal(wrapper, 'SIGTERM');
    const survivors = await waitUntilGone([wrapper, ...descendants], graceMs);
    for (const info of survivors) {
        signal(info, 'SIGKILL');
    }
    await waitUntilGone(survivors, 2_000);
    return survivors.map((info) => info.pid);
}
