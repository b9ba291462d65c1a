# syntax=docker/dockerfile:1
# Build: native modules (better-sqlite3) compile here, the Prisma clients are generated here, and
# tsc type-checks and compiles src/ to dist/. Dev dependencies (tsc, tsx, vitest) are pruned after.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.sqlite.config.ts prisma.postgres.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Run: compiled JavaScript on plain node (no tsx, no compilers), a non-root user, data on a volume.
# Next to dist/ only what the code reads at run time: migrations, locales, regulations, calendar.
FROM node:24-bookworm-slim
ENV NODE_ENV=production HTTP_PORT=8080
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/locales ./locales
COPY --from=build --chown=node:node /app/regulations ./regulations
COPY --from=build --chown=node:node /app/calendar ./calendar
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The admin command line in the container: `docker compose exec bot node dist/cli/main.js help`.
# The heap cap is the one in package.json's "start" (decision 019); test/build/start-command.test.ts keeps them equal.
CMD ["node", "--max-old-space-size=128", "dist/main.js"]
