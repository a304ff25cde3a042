// A receipt barcode scanned on the sell screen: its number (letters and dashes) is recognised as a
// sale's or a return slip's and handed to onReceipt, never looked up as a product ("unknown code").
// @vitest-environment happy-dom
import { act, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatOrderNumber } from '../../../../shared/ids/order-number';
import { formatReturnNumber } from '../../../../shared/returns/return-number';
import type { Backend, ProductView } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import { resetLayers } from '../../keys/key-layers';
import { receiptCodeOf, type ReceiptCode } from './receipt-code';
import { SearchBox } from './SearchBox';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const order = formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 42 });
const slip = formatReturnNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 12 });

describe('receipt codes', () => {
  it('reads order and return numbers, forgiving case, and nothing else', () => {
    expect(receiptCodeOf(order)).toEqual({ kind: 'order', number: order });
    expect(receiptCodeOf(` ${order.toLowerCase()} `)).toEqual({ kind: 'order', number: order });
    expect(receiptCodeOf(slip)).toEqual({ kind: 'return', number: slip });
    for (const other of ['4006381333931', 'kettle', 'MUG-01', '', 'S001-R01-42-7'])
      expect(receiptCodeOf(other)).toBeUndefined();
  });

  it('says a misread receipt number (wrong check character) is one, with what to do', () => {
    const last = order.at(-1)!;
    const wrong = `${order.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    const read = receiptCodeOf(wrong);
    expect(read?.kind).toBe('invalid');
    expect(read && 'message' in read ? read.message : '').toMatch(/check/i);
  });
});

describe('the sell screen search box', () => {
  let container: HTMLDivElement;
  let root: Root;
  const onCode = vi.fn<(c: string) => void>();
  const onReceipt = vi.fn<(r: ReceiptCode) => void>();
  const searchProducts = vi.fn((_term: string) => Promise.resolve([] as ProductView[]));

  function Box() {
    const inputRef = useRef<HTMLInputElement>(null);
    const [results, setResults] = useState<ProductView[]>([]);
    const [active, setActive] = useState(0);
    return (
      <SearchBox
        currency="USD"
        onCode={onCode}
        onPick={vi.fn()}
        onReceipt={onReceipt}
        active={active}
        setActive={setActive}
        results={results}
        setResults={setResults}
        inputRef={inputRef}
      />
    );
  }

  beforeEach(async () => {
    resetLayers();
    onCode.mockClear();
    onReceipt.mockClear();
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => {
      root.render(
        <BackendContext.Provider value={{ searchProducts } as unknown as Backend}>
          <Box />
        </BackendContext.Provider>,
      );
    });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  async function scan(text: string): Promise<void> {
    const input = container.querySelector<HTMLInputElement>('[data-testid="scan-input"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await Promise.resolve();
    });
  }

  it('hands a scanned receipt number to onReceipt, not to the product lookup', async () => {
    await scan(order);
    expect(onReceipt).toHaveBeenCalledWith({ kind: 'order', number: order });
    expect(onCode).not.toHaveBeenCalled();
    expect(container.querySelector<HTMLInputElement>('[data-testid="scan-input"]')!.value).toBe('');
  });

  it('still adds a product barcode by code', async () => {
    await scan('4006381333931');
    expect(onCode).toHaveBeenCalledWith('4006381333931');
    expect(onReceipt).not.toHaveBeenCalled();
  });
});
