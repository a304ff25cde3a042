// Renderer entry: opens the local data (finishing any sale a crash interrupted) and restores the open
// sale from its durable storage (recognising one that was completed already), then mounts the
// register. The same bundle runs inside Electron and in a plain browser.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { BackendContext } from './model/backend-context';
import { TenderPadContext, type BalancePadProps, type CardPadProps, type TenderPad } from './model/tender-pad';
import { CardDialog } from './sale/pay/CardDialog';
import { BalanceDialog } from './sale/pay/BalanceDialog';
import { RxBackend } from './local-data/rx-backend';
import { durableStateStorage } from './local-data/durable-state-storage';
import { recoverSale, restoreSaleState } from './sale/restore-sale-state';
import { makeRouter } from './router';
import { useCustomerDisplayFeed } from './sale/useCustomerDisplayFeed';
import { useBackendWiring } from './shell/useBackendWiring';
import { CustomerDisplay } from './customer-display/CustomerDisplay';
import './styles/app.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('The page has no #root element.');
const root = createRoot(rootElement);

// The pickup counter and the returns desk take money with the sale's own dialogs (never a training sale).
const tenderPad: TenderPad = {
  Card: (props: CardPadProps) => <CardDialog {...props} training={false} />,
  Balance: (props: BalancePadProps) => <BalanceDialog {...props} />,
};

function Register({ backend, router }: { backend: RxBackend; router: ReturnType<typeof makeRouter> }) {
  useBackendWiring(backend);
  useCustomerDisplayFeed();
  return (
    <BackendContext.Provider value={backend}>
      <TenderPadContext.Provider value={tenderPad}>
        <RouterProvider router={router} />
      </TenderPadContext.Provider>
    </BackendContext.Provider>
  );
}

// The customer display window only listens to the bridge: it must not open the register's
// database or start a second replication (one RxDB instance per register, multiInstance off).
if (location.hash.startsWith('#/customer-display')) {
  root.render(
    <StrictMode>
      <CustomerDisplay />
    </StrictMode>,
  );
} else {
  void startRegister();
}

function startRegister(): Promise<void> {
  const starting = Promise.all([RxBackend.start(), restoreSaleState(durableStateStorage())]).then(async ([backend]) => {
    await recoverSale(backend);
    return backend;
  });
  return starting.then(
    (backend) => {
      root.render(
        <StrictMode>
          <Register backend={backend} router={makeRouter(backend)} />
        </StrictMode>,
      );
    },
    (error: unknown) => {
      console.error(error);
      root.render(
        <main className="panel centered stack">
          <h1>The register could not start</h1>
          <p className="error">
            Its local data could not be opened. Close other windows of the register and restart it; if this keeps
            happening, call support. Sales already saved are safe.
          </p>
        </main>,
      );
    },
  );
}
