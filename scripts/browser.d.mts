export declare const SYSTEM_CHROMIUMS: string[];
export declare function playwrightChromium(): string | undefined;
export declare function findChromium(): string | undefined;
