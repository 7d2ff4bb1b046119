import { useState } from 'react';

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);

  const handleCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // clipboard refused (insecure origin): the text stays selectable
    }
  };

  return (
    <button type="button" className="button button-small" onClick={() => void handleCopy()}>
      {copied ? 'Copied' : label}
    </button>
  );
}
