// How the stock screens reach their data: the register's source by default, or one a test hands in.
import { createContext, useContext, useMemo } from 'react';
import { registerStockSource } from '../local-data/stock-source';
import type { StockPort } from './stock-port';

export const StockPortContext = createContext<StockPort | undefined>(undefined);

export function useStockPort(): StockPort | undefined {
  const given = useContext(StockPortContext);
  // The database opens before any screen renders; the source is made once per mounted screen.
  const own = useMemo(() => (given ? undefined : registerStockSource()), [given]);
  return given ?? own;
}
