// F1: every key the register answers to, straight from the shortcut table.
import { SHORTCUTS } from '../keys/shortcuts';
import { Modal } from '../ui/Modal';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keys" onClose={onClose} testId="help-overlay">
      <div className="help-grid">
        {SHORTCUTS.map((s) => (
          <div key={s.action} style={{ display: 'contents' }}>
            <kbd className="key">{s.label}</kbd>
            <span>{s.description}</span>
          </div>
        ))}
        <kbd className="key">0-9 Enter</kbd>
        <span>Scan or type a barcode anywhere: the item goes into the sale</span>
      </div>
      <p className="row" style={{ justifyContent: 'flex-end' }}>
        <button className="btn" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </p>
    </Modal>
  );
}
