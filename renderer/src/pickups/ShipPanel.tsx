// Ship from store: scan every item into the box, choose the box and weigh it, get a label and a
// tracking number from the carrier port, print it (ZPL bytes for a thermal printer, or the
// browser's print of the same label), then mark the order shipped.
import { useMemo, useState } from 'react';
import type { FulfillmentOrder, Product } from '../../../shared/schemas';
import { BOXES, parcelFor } from '../../../shared/shipping/parcels';
import type { ShippingLabel } from '../../../shared/shipping/carrier';
import { zplLabelBytes, zplLabelText } from '../../../shared/shipping/zpl';
import { bridge, callBridge } from '../bridge/call-bridge';
import { DomainError } from '../../../shared/errors';
import { markShipped, productsForLines, storeAddress, type Worker } from '../local-data/fulfillment-data';
import { useAction } from './useAction';
import { useKeyLayer } from '../keys/useKeyLayer';
import { useFulfillmentScope } from './usePickupsFeed';
import { carrier } from './carrier';
import { errorBuzz } from './sounds';
import { LabelView } from './LabelView';

const PackError = {
  NOT_IN_ORDER: 'PACK_NOT_IN_ORDER',
  NOT_PACKED: 'PACK_INCOMPLETE',
  NO_ADDRESS: 'PACK_NO_ADDRESS',
} as const;

export function ShipPanel({ fo, worker }: { fo: FulfillmentOrder; worker: Worker }) {
  const scope = useFulfillmentScope();
  const { busy, error, setError, run } = useAction();
  const [packed, setPacked] = useState<Record<string, number>>({});
  const [products, setProducts] = useState<Map<string, Product>>();
  const [code, setCode] = useState('');
  const [box, setBox] = useState('M');
  const [grams, setGrams] = useState('');
  const [service, setService] = useState('ground');
  const [label, setLabel] = useState<ShippingLabel>();
  const [printed, setPrinted] = useState<string>();

  // The desktop app sends ZPL over the raw printer path (TCP 9100 or USB) set up in Settings >
  // Printer, which must then be the label printer; a browser prints the HTML label.
  const printLabel = async (made: ShippingLabel): Promise<void> => {
    if (bridge().runtime !== 'electron') return window.print();
    const sent = await callBridge((b) =>
      b.printRaw({ bytes: new Uint8Array(zplLabelBytes(made)), purpose: 'receipt' }),
    );
    if (sent.ok) setPrinted(`Label sent to ${sent.value.printer}.`);
    else setError(sent.message);
  };
  const toPack = useMemo(() => fo.lines.filter((l) => l.pickedQuantity > 0), [fo]);
  const allPacked = toPack.every((l) => (packed[l.sku] ?? 0) >= l.pickedQuantity);

  const pack = async (raw: string): Promise<void> => {
    const map = products ?? (await productsForLines(scope, [fo]));
    setProducts(map);
    const c = raw.trim();
    const sku = [...map.values()].find(
      (p) => p.sku.toUpperCase() === c.toUpperCase() || p.primaryBarcode === c || p.barcodes.includes(c),
    )?.sku;
    const line = toPack.find((l) => l.sku === sku);
    if (!line) throw new DomainError(PackError.NOT_IN_ORDER, `${c} is not in this parcel; put it back.`);
    if ((packed[line.sku] ?? 0) >= line.pickedQuantity)
      throw new DomainError(PackError.NOT_IN_ORDER, `All ${line.name} are already packed; take the extra one out.`);
    setPacked((p) => ({ ...p, [line.sku]: (p[line.sku] ?? 0) + 1 }));
  };

  const getLabel = (): Promise<boolean> =>
    run(async () => {
      if (!allPacked)
        throw new DomainError(PackError.NOT_PACKED, 'Scan every item into the box before printing the label.');
      if (!fo.shippingAddress)
        throw new DomainError(
          PackError.NO_ADDRESS,
          'This order has no shipping address; ask order management to add it.',
        );
      const from = await storeAddress(scope);
      if (!from)
        throw new DomainError(
          PackError.NO_ADDRESS,
          'The store address has not synced yet; wait for the sync and try again.',
        );
      const made = await carrier.createLabel({
        reference: fo.orderNumber,
        from: { ...from.address, name: from.name },
        to: { ...fo.shippingAddress, name: fo.shippingAddress.name ?? fo.customer.name },
        parcel: parcelFor(box, Number(grams)),
        service,
        currency: from.currency,
      });
      setLabel(made);
    });

  useKeyLayer({
    onScan: (scanned) => {
      if (!label)
        void pack(scanned).then(
          () => setError(undefined),
          (err: unknown) => (setError(err instanceof DomainError ? err.message : String(err)), errorBuzz()),
        );
    },
  });

  if (label) {
    return (
      <div className="panel stack" data-testid="ship-panel">
        <LabelView label={label} />
        <pre className="no-print" data-testid="zpl" hidden>
          {zplLabelText(label)}
        </pre>
        <div className="row no-print">
          <button type="button" className="btn" data-testid="print-label" onClick={() => void printLabel(label)}>
            Print label
          </button>
          <button
            type="button"
            className="btn primary"
            autoFocus
            data-home-focus
            data-testid="mark-shipped"
            disabled={busy}
            onClick={() =>
              void run(() =>
                markShipped(
                  scope,
                  fo.id,
                  { carrier: label.carrier, trackingNumber: label.trackingNumber, cost: label.cost },
                  worker,
                ),
              )
            }
          >
            Mark shipped <kbd>Enter</kbd>
          </button>
        </div>
        {printed && <p className="muted">{printed}</p>}
        {error && (
          <p className="error" role="alert" data-testid="pickup-error">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="panel stack no-print" data-testid="ship-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const c = code;
          setCode('');
          pack(c).then(
            () => setError(undefined),
            (err: unknown) => {
              setError(err instanceof DomainError ? err.message : String(err));
              errorBuzz();
            },
          );
        }}
      >
        <input
          className="input"
          autoFocus
          data-home-focus
          data-scan-input
          data-testid="pack-scan"
          placeholder="Scan each item into the box"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </form>
      <ul data-testid="pack-list">
        {toPack.map((l) => (
          <li key={l.id} data-testid="pack-line">
            {packed[l.sku] ?? 0} / {l.pickedQuantity} × {l.name}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => (e.preventDefault(), void getLabel())}>
        <label>
          Box{' '}
          <select className="input" data-testid="pack-box" value={box} onChange={(e) => setBox(e.target.value)}>
            {BOXES.map((b) => (
              <option key={b.boxId} value={b.boxId}>
                {b.boxId} ({b.lengthMm}×{b.widthMm}×{b.heightMm} mm)
              </option>
            ))}
          </select>
        </label>
        <label>
          Weight (g){' '}
          <input
            className="input"
            inputMode="numeric"
            data-testid="pack-weight"
            value={grams}
            onChange={(e) => setGrams(e.target.value)}
          />
        </label>
        <label>
          Service{' '}
          <select
            className="input"
            data-testid="pack-service"
            value={service}
            onChange={(e) => setService(e.target.value)}
          >
            <option value="ground">Ground</option>
            <option value="express">Express</option>
          </select>
        </label>
        <button type="submit" className="btn primary" data-testid="get-label" disabled={busy || !allPacked}>
          Get label
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="pickup-error">
          {error}
        </p>
      )}
    </div>
  );
}
