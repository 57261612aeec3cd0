import probeServices from './probe-services';
import storeModel from './stored-model';

/** Jest's globalSetup: what every test file needs to know or have before any is collected. */
export default async function globalSetup(): Promise<void> {
  await probeServices();
  storeModel();
}
