/** Customers: profiles, sentiment history, tags, churn signals and privacy. */
export { maskPersonalData, isLuhnValid, isChineseIdNumber } from './mask.js';
