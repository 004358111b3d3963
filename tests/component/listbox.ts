// Picks an option of the page's Listbox component (speed, node count, lab) the way a user does.
import { screen, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';

export async function choose(user: UserEvent, testId: string, value: string): Promise<void> {
  await user.click(screen.getByTestId(testId));
  const list = screen.getByTestId(`${testId}-options`);
  const option = within(list)
    .getAllByRole('option')
    .find((element) => element.getAttribute('data-value') === value);
  if (!option) throw new Error(`${testId} has no option ${value}`);
  await user.click(option);
}

/** The values a Listbox offers (it renders its options only while open). */
export async function optionValues(user: UserEvent, testId: string): Promise<string[]> {
  await user.click(screen.getByTestId(testId));
  const values = within(screen.getByTestId(`${testId}-options`))
    .getAllByRole('option')
    .map((element) => element.getAttribute('data-value') ?? '');
  await user.keyboard('{Escape}');
  return values;
}
