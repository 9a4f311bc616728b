/** The dialing job writes as the system through the core's shared job transaction. */
export { inJob, type JobDeps } from '../../api/jobCtx';
