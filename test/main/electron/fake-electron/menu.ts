// Fake `Menu` and its items: enough to find an item by label and click it the way a user would.

/** The fields of Electron's MenuItemConstructorOptions that the fake reads. */
export interface FakeMenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: FakeMenuItem, window: undefined, event: object) => void;
}

export class FakeMenuItem {
  label: string;
  type: string;
  checked: boolean;
  enabled: boolean;
  private readonly onClick: ((item: FakeMenuItem, window: undefined, event: object) => void) | undefined;

  constructor(template: FakeMenuItemTemplate) {
    this.label = template.label ?? '';
    this.type = template.type ?? 'normal';
    this.checked = Boolean(template.checked);
    this.enabled = template.enabled ?? true;
    this.onClick = template.click;
  }
  /** Like a user click: disabled items do nothing; checkboxes flip before the click handler runs. */
  click(): void {
    if (!this.enabled) return;
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.onClick?.(this, undefined, {});
  }
}

export class Menu {
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[] = []) {
    this.items = items;
  }
  static buildFromTemplate(template: FakeMenuItemTemplate[]): Menu {
    return new Menu(template.map((entry) => new FakeMenuItem(entry)));
  }
  /** Test helper: the item with this label (throws when absent, so a renamed item fails loudly). */
  item(label: string): FakeMenuItem {
    const found = this.items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item "${label}" in [${this.items.map((i) => i.label).join(', ')}]`);
    return found;
  }
}
