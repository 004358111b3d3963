// The core is type-checked without the DOM lib; structuredClone exists in Node and in workers.
declare function structuredClone<T>(value: T): T;
