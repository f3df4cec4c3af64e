import { initContract } from '@ts-rest/core';
import { insightsContract } from './insights-contract.js';

const c = initContract();

/** The whole public REST contract of the gateway. */
export const restContract = c.router({ insights: insightsContract });
export type RestContract = typeof restContract;
