export * from './statuses';
export * from './errors';
export * from './machine';
export * from './transitions';
export * from './order-lifecycle';
export * from './fulfillment';
export { sameJson } from './same-json';
export * from './rollup';
export * from './open-price';
