/*
 * Russian full names for the city bench: common surnames with roughly their real weight (a few
 * «Ивановых» in every school), a long tail of rarer ones, female forms, «ё» where the name has it
 * (written as «е» now and then, as school lists do), and names of the people's generation.
 */

/** The common surnames, most frequent first (male form). */
const COMMON = `Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров
Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев
Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов
Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков
Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов
Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв
Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров
Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов
Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов
Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов
Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронцов Капустин Игнатьев Мухин
Шестаков Зуев Горшков Лапин Ширяев Рыбаков Суворов Лобанов Сафонов Рожков Мишин Бобров Ершов Некрасов
Кулагин Лавров Фадеев Дьячков Бородин Артёмов Шилов Зимин Уваров Щукин Селезнёв Костин Кольцов Пугачёв
Рябов Логинов Дорофеев Субботин Третьяков Блинов Гурьев Авдеев Зотов Фокин Булгаков Сычёв Шаров Носков
Жданов Зиновьев Голованов Мамонтов Панкратов Стрельцов Вишняков Гордеев Лыткин Горбачёв Копылов Рогов
Покровский Островский Успенский Вознесенский Смоленский Ковальский Добровольский Рождественский Толстой
Трубецкой Черных Седых Белых Долгих Шевченко Кравченко Бондаренко Ткаченко Коваленко Лысенко Ким Цой Пак
Алиев Мамедов Гасанов Исмаилов Рахимов Каримов Юсупов Ахмедов Сафаров Хасанов Петросян Саркисян Акопян
Григорян Оганесян Арутюнян Гелашвили Беридзе`
  .split(/\s+/)
  .filter(Boolean);

/** Roots and endings of the rarer surnames: «Бел» + «яков» → «Беляков». */
const ROOTS = `Бел Зелен Сух Гром Лис Мед Кос Рыж Бор Вол Гор Дуб Жар Зор Кам Клён Лёв Лун Мал Мох Нос Пес Пуш
Рог Сад Сеч Сок Стол Сыр Тёр Туч Уш Хвост Цар Чуд Шум Щег Ярц Бук Вер Глаз Гуд Дроз Ерш Жгут Зыб Ков Кур Лом
Мят Нев Озер Пан Пол Руд Сев Сом Сот Строг Тал Топ Хлеб Холм Чаш Шип Щуп Юр Ясн Берёз Вёрст Полёв Звон Крас
Весн Лес Мир Мост Нор Поп Раз Сел Сим Слав Снег Стар Тих Трав Хром Чист Шир Ясен`
  .split(/\s+/)
  .filter(Boolean);
const ENDINGS = ["ов", "ев", "ин", "ёв", "аков", "енков", "ицын", "цов", "ковский", "ников", "ихин", "ушкин"];

const BOYS = `Александр Михаил Максим Артём Лев Марк Иван Матвей Дмитрий Даниил Тимофей Фёдор Кирилл Андрей Егор
Илья Никита Роман Сергей Алексей Владимир Ярослав Арсений Мирон Глеб Константин Николай Степан Павел Денис
Савелий Давид Богдан Всеволод Платон Семён Тимур Григорий Евгений Захар Вадим Георгий Антон Игорь Олег Артемий
Пётр Елисей Демид Эмир`
  .split(/\s+/)
  .filter(Boolean);
const GIRLS = `Анна София Мария Алиса Ева Виктория Полина Варвара Анастасия Василиса Александра Елизавета Вероника
Дарья Ксения Екатерина Милана Арина Ульяна Таисия Кира Алёна Маргарита Есения Мирослава Валерия Злата Софья
Ольга Татьяна Ангелина Диана Кристина Майя Агата Амина Стефания Юлиана Ярослава Надежда Любовь Вера Серафима
Аглая Фёкла`
  .split(/\s+/)
  .filter(Boolean);
const MEN = `Сергей Андрей Алексей Дмитрий Владимир Игорь Олег Михаил Александр Евгений Виктор Юрий Николай Павел
Константин Роман Вадим Артём Денис Максим Фёдор Семён`
  .split(/\s+/)
  .filter(Boolean);
const WOMEN = `Елена Ольга Татьяна Наталья Ирина Светлана Марина Галина Людмила Надежда Юлия Екатерина Анна Мария
Оксана Валентина Лариса Алёна Вера Евгения Анастасия Ксения Нина Любовь Жанна Инна`
  .split(/\s+/)
  .filter(Boolean);

/** Fathers' names and their patronymics, male and female. */
const PATRONYMICS: [string, string][] = `Александрович Михайлович Максимович Артёмович Львович Маркович Иванович
Матвеевич Дмитриевич Даниилович Тимофеевич Фёдорович Кириллович Андреевич Егорович Ильич Никитич Романович
Сергеевич Алексеевич Владимирович Ярославович Арсеньевич Глебович Константинович Николаевич Степанович Павлович
Денисович Давидович Богданович Семёнович Тимурович Григорьевич Евгеньевич Вадимович Георгиевич Антонович
Игоревич Олегович Викторович Юрьевич Петрович Васильевич Анатольевич Валерьевич`
  .split(/\s+/)
  .filter(Boolean)
  .map((male) => [male, femalePatronymic(male)]);

function femalePatronymic(male: string): string {
  if (male === "Ильич") return "Ильинична";
  if (male === "Никитич") return "Никитична";
  return male.replace(/ич$/, "на");
}

/** Ивано|в → Иванова, Покровск|ий → Покровская, Толст|ой → Толстая; Черных, Шевченко, Ким stay. */
export function femaleSurname(male: string): string {
  if (/(ов|ёв|ев|ин|ын)$/.test(male)) return `${male}а`;
  if (/(ский|цкий)$/.test(male)) return male.replace(/ий$/, "ая");
  if (/(ской|цкой|ой)$/.test(male)) return male.replace(/ой$/, "ая");
  return male;
}

export interface PersonName {
  fullName: string;
  surname: string;
}

/**
 * Names drawn with `rnd`: 60 % from the common surnames (the first ones weigh most, as in life),
 * the rest from the long tail; one «ё» in four written as «е».
 */
export function createNamePicker(rnd: () => number) {
  const weights = COMMON.map((_, rank) => 1 / (rank + 12));
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const pickCommon = () => {
    const target = rnd() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return COMMON[lo]!;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const maleSurname = () => (rnd() < 0.6 ? pickCommon() : pick(ROOTS) + pick(ENDINGS));
  const spelled = (name: string) => (name.includes("ё") && rnd() < 0.25 ? name.replace(/ё/g, "е") : name);

  function person(female: boolean, firstNames: readonly string[]): PersonName {
    const male = maleSurname();
    // Now and then a double surname, as families choose.
    const base = rnd() < 0.01 ? `${male}-${maleSurname()}` : male;
    const surname = female ? base.split("-").map(femaleSurname).join("-") : base;
    const patronymic = rnd() < 0.03 ? undefined : pick(PATRONYMICS)[female ? 1 : 0];
    const fullName = spelled([surname, pick(firstNames), patronymic].filter(Boolean).join(" "));
    return { fullName, surname: fullName.split(" ")[0]! };
  }

  return {
    student: (): PersonName => {
      const female = rnd() < 0.5;
      return person(female, female ? GIRLS : BOYS);
    },
    /** Staff: most teachers are women. */
    adult: (femaleShare = 0.85): PersonName => {
      const female = rnd() < femaleShare;
      return person(female, female ? WOMEN : MEN);
    },
  };
}
