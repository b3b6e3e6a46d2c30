import { create } from 'zustand';

export type PageKey = 'dictionaries' | 'customFields';

interface NavigationState {
  page: PageKey;
  go: (page: PageKey) => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  page: 'dictionaries',
  go: (page) => set({ page }),
}));
