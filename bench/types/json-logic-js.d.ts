// json-logic-js ships no type declarations; the benchmarks use only these three functions.
declare module 'json-logic-js' {
    export type RulesLogic = unknown;
    export function apply(logic: RulesLogic, data?: unknown): unknown;
    export function add_operation(name: string, code: (...args: any[]) => unknown): void;
    export function rm_operation(name: string): void;
    const jsonLogic: {
        apply: typeof apply;
        add_operation: typeof add_operation;
        rm_operation: typeof rm_operation;
    };
    export default jsonLogic;
}
