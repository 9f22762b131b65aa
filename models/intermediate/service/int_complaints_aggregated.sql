{#-
    Grain: one row per (shop_id, created_date, complaint_status, decided_date, buyer_flagged_date):
    complaints counted once per shop and local created date, keeping the dates the as-of-D rules
    need, shared by douyin complaint_rate (SPEC §5) and tmall complaint_established_rate (SPEC §6).
    - decided_date: a complaint's status counts for D only if it was decided before D (SPEC §3: an
      event on or after D is invisible); undecided as of D it is still 'pending'.
    - buyer_flagged_date: the complaint's buyer is malicious for D when flagged_at < D (SPEC §3);
      NULL = never flagged.
-#}
with

complaints as (

    -- Every window is on the created date; the decision is the complaint's own (read with it).
    select * from {{ ref('stg_platform__complaints') }}
    where {{ event_window_filter('created_at') }}

),

malicious_buyers as (

    select * from {{ ref('stg_platform__malicious_buyers') }}

),

final as (

    select
        complaints.shop_id,
        cast(complaints.created_at as date) as created_date,
        complaints.complaint_status,
        cast(complaints.decided_at as date) as decided_date,
        cast(malicious_buyers.flagged_at as date) as buyer_flagged_date,
        count(*) as complaint_count,
    from complaints
    left join malicious_buyers
        on complaints.buyer_id = malicious_buyers.buyer_id
    group by
        complaints.shop_id,
        cast(complaints.created_at as date),
        complaints.complaint_status,
        cast(complaints.decided_at as date),
        cast(malicious_buyers.flagged_at as date)

)

select * from final
