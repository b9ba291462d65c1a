import { describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT, runProcess, tsNode } from "./support/run-process.js";

describe("npm run demo", () => {
  it("plays a whole absence case offline and prints the dialogue, reminders and the escalation", {
    timeout: PROCESS_TEST_TIMEOUT,
  }, async () => {
    const result = await runProcess(...tsNode("src/demo/main.ts"), { env: { ...process.env, BOT_TOKEN: "", DATABASE_URL: "" } });
    expect(result.stderr).not.toContain("demo failed");
    expect(result.status).toBe(0);
    const out = result.stdout;
    // The early warning comes first, from the journal's attendance, before the case is opened.
    const warning = out.indexOf("🤖 → учитель (Смирнова М. И.): ⚠️ Иванов П., 7Б, не ходит 5 учебных дней подряд без уважительной причины.");
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(out.indexOf("/new"));
    expect(out).toContain("Через 6 учебных дней сработает критерий №22.");
    expect(out).toContain("Пропущено 12 учебных дней подряд (с 20.10.2025 по 05.11.2025). Порог критерия №22 достигнут 01.11.2025.");
    expect(out).toContain("🤖 → зам. по ВР (Кузнецова О. П.): 📨 Иванов П., 7Б: шаг 2 «Сообщить заместителю» выполнен");
    expect(out).toContain(
      "🤖 → зам. по ВР (Кузнецова О. П.): ❗ Иванов П., 7Б: шаг 3 «Статус семейного неблагополучия» — срочно\n      Ответ: подтверждён",
    );
    expect(out).toContain("На сегодня, 10.11 (пн): 1 задача");
    // The weekend and the step's deadline: Friday's step is escalated on Tuesday, after one school day of grace.
    expect(out).toMatch(/вторник, 18\.11\.2025[\s\S]*🤖 → зам\. по ВР \(Кузнецова О\. П\.\): Просрочены шаги/);
    expect(out).toContain("🔒 Закрыт 28.11.2025: ученик вернулся к занятиям");
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^Готово: случай закрыт/);
  });
});
