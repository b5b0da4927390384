-- P4: fills distribution's pull queue :queue with :leads leads, as distribution itself leaves a lead a rule sent to a
-- queue (AssignmentService.save, decision queued): its facts as capture's and scoring's events left them
-- (lead_facts), its assignment (rep_id null, strategy QUEUE, target queue:<name>), a QUEUED step in its history and
-- its row in queued_lead. Set-based and deterministic: the same leads every run (ids from md5 of the queue and the lead number),
-- scores 0-100 spread over the leads, a lead queued every second from 2026-12-01 on. Then what autovacuum would do
-- after a table filled up, so that the claim's plans are the ones a queue that filled over time gets.
--
--   psql -v leads=10000 -v queue=bench -f load-queue.sql
\set ON_ERROR_STOP on

create temporary table p4_lead as
select n,
       md5('p4-' || :'queue' || '-' || n)::uuid                                  as lead_id,
       (n * 37) % 101                                              as score,
       timestamptz '2026-12-01 00:00:00+00' + n * interval '1 s'   as queued_at
from generate_series(1, :leads) n;

insert into lead_facts (lead_id, products, segment, country, source, channel, campaign, language, captured_by, score,
                        grade, qualified, scored, updated_at)
select lead_id,
       jsonb_build_object('items', jsonb_build_array((array['solar', 'heat-pumps', 'batteries', 'insulation'])[1 + n % 4])),
       (array['smb', 'enterprise', 'consumer'])[1 + n % 3],
       (array['US', 'GB', 'DE', 'FR', 'NL'])[1 + n % 5],
       (array['web', 'api', 'import', 'partner'])[1 + n % 4],
       (array['email', 'cpc', 'social', null])[1 + n % 4],
       null,
       (array['en', 'de', 'fr'])[1 + n % 3],
       'service-account-crm-app',
       score,
       case when score >= 80 then 'A' when score >= 60 then 'B' when score >= 40 then 'C' else 'D' end,
       score >= 60,
       true,
       queued_at
from p4_lead;

insert into assignment (lead_id, rep_id, strategy, reason, candidates, score, grade, assigned_at, rule_name,
                        rule_version, target)
select lead_id, null, 'QUEUE',
       'rule inbound sends it to queue ' || :'queue' || ', where it waits for a rep to claim it',
       '{"items": []}'::jsonb, score,
       case when score >= 80 then 'A' when score >= 60 then 'B' when score >= 40 then 'C' else 'D' end,
       queued_at, 'inbound', 2, 'queue:' || :'queue'
from p4_lead;

insert into assignment_history (lead_id, kind, rep_id, rule_name, rule_version, strategy, reason, candidates, at)
select lead_id, 'QUEUED', null, rule_name, rule_version, strategy, reason, candidates, assigned_at
from assignment
where lead_id in (select lead_id from p4_lead);

insert into queued_lead (lead_id, queue, score, grade, rule_name, rule_version, queued_at)
select lead_id, :'queue', score, grade, rule_name, rule_version, assigned_at
from assignment
where lead_id in (select lead_id from p4_lead);

vacuum (analyze) lead_facts, assignment, assignment_history, queued_lead;
