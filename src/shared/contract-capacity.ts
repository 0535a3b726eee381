/** Capacity-planning methods of the API contract (merged into ./contract.ts). Imports only zod + shared. */
export const capacityContract = {} as const;
