/** Demo and training methods of the API contract (storylines, labs, recordings; merged into ./contract.ts). */
export const demoContract = {} as const;
