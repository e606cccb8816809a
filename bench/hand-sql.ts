/**
 * The best single hand-written SQL query for the summary's figures: this period, year to
 * date and the same period last year, by sector, department and township in one pass with
 * GROUPING SETS. The bench times it on the same database to give the endpoint's ratio.
 */
export function summarySql(divisionLike: string, period: string): string {
  const year = Number(period.slice(0, 4));
  const lastYearPeriod = `${year - 1}${period.slice(4)}`;
  return `
    with figures as (
      select r.division_code, r.project_id,
        sum(r.invested_this_period) filter (where r.period = '${period}') as period_amount,
        sum(r.invested_this_period) filter (where r.period between '${year}-01' and '${period}') as ytd,
        sum(r.invested_this_period) filter (where r.period between '${year - 1}-01' and '${lastYearPeriod}') as ly
      from monthly_reports r
      where r.division_code like '${divisionLike}' and r.status = 'approved'
        and (r.period between '${year}-01' and '${period}' or r.period between '${year - 1}-01' and '${lastYearPeriod}')
      group by r.division_code, r.project_id
    )
    select grouping(p.sector, p.department_id, p.township_id) as level, p.sector, p.department_id, p.township_id,
      count(*) filter (where f.ytd > 0) as projects, sum(f.period_amount) as period_amount, sum(f.ytd) as ytd, sum(f.ly) as ly
    from figures f
    join projects p on p.division_code = f.division_code and p.id = f.project_id
    where p.total_investment >= 500
    group by grouping sets ((), (p.sector), (p.department_id), (p.township_id))`;
}
