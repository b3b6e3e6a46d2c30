import { z } from 'zod';

// Messages zod writes itself (wrong type, unexpected key…) reach users too: make them Chinese.
z.config(z.locales.zhCN());

export { z };
