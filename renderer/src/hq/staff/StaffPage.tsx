// Staff: create, assign to stores, reset a PIN. PINs are hashed by the server; hashes never come back.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { Dialog } from '../shell/Dialog';
import { SearchTable } from '../shared/SearchTable';
import { StoreChecklist, storeOptions } from '../shared/StorePicker';
import { Notices } from '../shared/Notices';

interface StaffDoc {
  id: string;
  loginCode: string;
  displayName: string;
  role: string;
  storeIds: string[];
  allStores: boolean;
  active: boolean;
}
interface StoreDoc {
  id: string;
  key: string;
}

const ROLES = ['clerk', 'supervisor', 'manager', 'admin'];

export function StaffPage() {
  const user = useSession((s) => s.user);
  const [staff, setStaff] = useState<StaffDoc[]>([]);
  const [stores, setStores] = useState<StoreDoc[]>([]);
  const [editing, setEditing] = useState<StaffDoc | 'new' | null>(null);
  const [pinFor, setPinFor] = useState<StaffDoc | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [a, b] = await Promise.all([
        api<{ staff: StaffDoc[] }>('GET', '/staff'),
        api<{ stores: StoreDoc[] }>('GET', '/stores'),
      ]);
      setStaff(a.staff);
      setStores(b.stores);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const operator = can(user, 'operations');
  const storeCodes = (s: StaffDoc) =>
    s.allStores ? 'all stores' : s.storeIds.map((id) => stores.find((x) => x.id === id)?.key ?? '?').join(', ');
  return (
    <section aria-labelledby="staff-title">
      <div className="hq-head">
        <h1 id="staff-title">Staff</h1>
        {operator && (
          <button type="button" className="hq-primary" onClick={() => setEditing('new')}>
            New staff member
          </button>
        )}
      </div>
      <Notices message={message} error={error} />
      <SearchTable
        label="Staff"
        search={{ label: 'Find', text: (s) => `${s.loginCode} ${s.displayName} ${s.role} ${storeCodes(s)}` }}
        pageSize={50}
        rows={staff}
        rowKey={(s) => s.id}
        empty="No staff match."
        columns={[
          { key: 'login', header: 'Login', cell: (s) => s.loginCode },
          { key: 'name', header: 'Name', cell: (s) => s.displayName },
          { key: 'role', header: 'Role', cell: (s) => s.role },
          { key: 'stores', header: 'Stores', cell: storeCodes },
          { key: 'active', header: 'Active', cell: (s) => (s.active ? 'yes' : 'no') },
          {
            key: 'actions',
            header: '',
            cell: (s) =>
              operator && (
                <>
                  <button type="button" onClick={() => setEditing(s)}>
                    Edit
                  </button>{' '}
                  <button type="button" onClick={() => setPinFor(s)}>
                    Reset PIN
                  </button>
                </>
              ),
          },
        ]}
      />
      {editing && (
        <StaffForm
          member={editing === 'new' ? null : editing}
          stores={stores}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
      {pinFor && (
        <PinDialog
          member={pinFor}
          onClose={() => setPinFor(null)}
          onDone={() => {
            setMessage(`New PIN set for ${pinFor.displayName}; registers receive it on their next sync.`);
            setPinFor(null);
          }}
        />
      )}
    </section>
  );
}

function StaffForm({
  member,
  stores,
  onClose,
  onSaved,
}: {
  member: StaffDoc | null;
  stores: StoreDoc[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [f, setF] = useState({
    loginCode: member?.loginCode ?? '',
    displayName: member?.displayName ?? '',
    role: member?.role ?? 'clerk',
    allStores: member?.allStores ?? false,
    active: member?.active ?? true,
    pin: '',
  });
  const [storeIds, setStoreIds] = useState<string[]>(member?.storeIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', '/staff', {
        ...(member ? { id: member.id } : { pin: f.pin }),
        loginCode: f.loginCode,
        displayName: f.displayName,
        role: f.role,
        allStores: f.allStores,
        active: f.active,
        storeIds,
      });
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title={member ? `Edit ${member.displayName}` : 'New staff member'} onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <label>
          Login code{' '}
          <input
            value={f.loginCode}
            inputMode="numeric"
            onChange={(e) => setF({ ...f, loginCode: e.target.value })}
            required
            autoFocus
          />
        </label>
        <label>
          Name <input value={f.displayName} onChange={(e) => setF({ ...f, displayName: e.target.value })} required />
        </label>
        <label>
          Role{' '}
          <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        {!member && (
          <label>
            PIN{' '}
            <input
              type="password"
              inputMode="numeric"
              value={f.pin}
              onChange={(e) => setF({ ...f, pin: e.target.value })}
              required
            />
          </label>
        )}
        <label className="hq-check">
          <input type="checkbox" checked={f.allStores} onChange={(e) => setF({ ...f, allStores: e.target.checked })} />{' '}
          All stores
        </label>
        <label className="hq-check">
          <input type="checkbox" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> Active
        </label>
        {!f.allStores && (
          <StoreChecklist legend="Stores" stores={storeOptions(stores)} value={storeIds} onChange={setStoreIds} />
        )}
        {error && (
          <p role="alert" className="hq-error hq-wide">
            {error}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function PinDialog({ member, onClose, onDone }: { member: StaffDoc; onClose: () => void; onDone: () => void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/staff/${member.id}/pin`, { pin });
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title={`New PIN for ${member.displayName}`} onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <label>
          New PIN (4 to 8 digits){' '}
          <input
            type="password"
            inputMode="numeric"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            autoFocus
            required
          />
        </label>
        {error && (
          <p role="alert" className="hq-error hq-wide">
            {error}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Set PIN
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
