// A service hall of the test's own, with its own officers and its own slots, so no two tests share a queue or a
// slot's places. Test halls belong to an inactive region (not offered in 智能导税), so they never show up in the
// pages of other tests. Slots are made relative to the database's now, at the instant the test needs.
import { withDb } from './db';
import type { People, Person } from './people';

export type Hall = {
  id: string;
  name: string;
  regionCode: string;
  /** 审核 + 后台帮办 */
  reviewer: Person;
  /** 在线帮办 + 人工导税 */
  guidance: Person;
  /** 现场导税员 */
  onsite: Person;
};

export const TEST_REGION = '990000';

export async function newHall(people: People, label: string): Promise<Hall> {
  const { id, name } = await withDb(async (db) => {
    await db.query(
      `insert into public.regions (code, name, level, parent_code, sort, active) values ($1, '端到端测试', 'province', null, 99, false)
       on conflict (code) do nothing`,
      [TEST_REGION],
    );
    const { rows } = await db.query(
      `insert into public.service_halls (region_code, name, address) values ($1, $2, '测试路 1 号') returning id, name`,
      [TEST_REGION, `测试办税服务厅（${label}）`],
    );
    return rows[0] as { id: string; name: string };
  });
  return {
    id,
    name,
    regionCode: TEST_REGION,
    reviewer: await people.officer([id], ['reviewer', 'back_office'], '测试审核员'),
    guidance: await people.officer([id], ['online', 'guidance'], '测试导税员'),
    onsite: await people.officer([id], ['onsite'], '测试现场导税员'),
  };
}

/** A slot of the hall starting `minutesFromNow` after the database's now (whole minutes), `capacity` places. */
export async function slotIn(
  hall: Pick<Hall, 'id'>,
  minutesFromNow: number,
  capacity = 4,
): Promise<{ id: string; startsAt: Date }> {
  return withDb(async (db) => {
    const { rows } = await db.query(
      `insert into public.slots (hall_id, day, starts_at, ends_at, capacity)
       select $1, (s at time zone 'Asia/Shanghai')::date, s, s + interval '30 minutes', $3
       from (select date_trunc('minute', now()) + make_interval(mins => $2) as s) x
       returning id, starts_at`,
      [hall.id, minutesFromNow, capacity],
    );
    return { id: rows[0].id as string, startsAt: rows[0].starts_at as Date };
  });
}

/**
 * Slots of the hall on one Shanghai day that is later than today whatever the hour (tomorrow), at 10:00, 10:30 …
 * (`count` of them): for the booking dialog, which shows one day at a time. The ticket window is closed for all.
 */
export async function slotsTomorrow(
  hall: Pick<Hall, 'id'>,
  count: number,
  capacity = 4,
): Promise<{ id: string; label: string }[]> {
  return withDb(async (db) => {
    const { rows } = await db.query(
      `insert into public.slots (hall_id, day, starts_at, ends_at, capacity)
       select $1, d, s, s + interval '30 minutes', $3
       from (select (now() at time zone 'Asia/Shanghai')::date + 1 as d) day,
            lateral (select ((d + time '10:00') + make_interval(mins => 30 * i)) at time zone 'Asia/Shanghai' as s
                     from generate_series(0, $2 - 1) i) t
       order by s
       returning id, to_char(starts_at at time zone 'Asia/Shanghai', 'HH24:MI') || '-' ||
                     to_char(ends_at at time zone 'Asia/Shanghai', 'HH24:MI') as label`,
      [hall.id, count, capacity],
    );
    return rows as { id: string; label: string }[];
  });
}

export async function fillSlot(slotId: string): Promise<void> {
  await withDb((db) => db.query(`update public.slots set booked = capacity where id = $1`, [slotId]));
}
