// The labs the page offers, with the words the header shows for each.

export interface LabOption {
  id: string;
  label: string;
  tagline: string;
}

export const LAB_OPTIONS: readonly LabOption[] = [
  { id: 'raft', label: 'Raft', tagline: 'Raft lab — leader election and log replication, running for real' },
  { id: 'cap', label: 'CAP', tagline: 'CAP lab — partitions force a choice between consistency and availability' },
];

export const DEFAULT_LAB = 'raft';

export function labOption(id: string): LabOption {
  return LAB_OPTIONS.find((option) => option.id === id) ?? { id, label: id, tagline: `${id} lab` };
}
