export { VdcService, type ServiceOptions } from './vdc-service';
export type { ServiceClient } from './push-hub';
export type { VdcServiceApi } from './service-api';
