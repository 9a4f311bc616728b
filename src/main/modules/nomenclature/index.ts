import { defineModule } from '../../api/module';
import { nomenclatureHandlers } from './handlers';

/** Reference lists (types, classifications, zones…) and products. */
export const nomenclatureModule = defineModule({ name: 'nomenclature', handlers: nomenclatureHandlers });
export { createNomenclature, createProduct } from './service';
