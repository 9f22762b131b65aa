{#-
    Grain: one row per (order_id, metric, valid_from_date): the score dates D in
    [valid_from_date, valid_to_date] for which the order counts in the numerator of that pdd help
    metric (SPEC §4), or is an affected order of a help reason (SPEC §8 core problems: keys
    'reason:<reason_code>' on any channel, 'platform_reason:<reason_code>' on platform channels,
    reason_code 'unclassified' for a code not in the seed). Each help request is read once; the
    score-date rules become date bounds:
    - the order is a pdd order for D when its grouped date g satisfies g + 1 <= D <= g + window
      (window [D-window, D-1], SPEC §3: each help rate's window in seed metric_catalogue, the reason
      keys' the pdd volume window in seed scheme_settings; macro metric_unit_ranges);
    - the request is visible from the day after it was created (created_at < D, SPEC §3);
    - a request whose buyer was flagged malicious is ignored once flagged_at < D, i.e. it counts only
      while D <= the flag's local date (SPEC §3, seed 000 Q4);
    - routine reasons never count; a reason not in the seed is 'unclassified' help that counts only
      in platform_help_rate, as do the service reasons (SPEC §2, §4).
    An order counts once per metric (distinct orders), so the validity intervals of its requests are
    merged into islands (requests of different buyers can leave gaps). Only orders grouped in some
    built score date's window are read (their requests may predate the window).
-#}
with

visible_dates as (

    {{ pdd_visible_dates() }}

),

help_requests as (

    select * from {{ ref('stg_platform__help_requests') }}
    where order_id is not null

),

orders as (

    select * from {{ ref('stg_platform__orders') }}
    where cast(grouped_at as date) in (select visible_dates.visible_date from visible_dates)

),

reason_codes as (

    select * from {{ ref('help_reason_codes') }}

),

platform_channels as (

    select * from {{ ref('help_channels') }}
    where channel_class = 'platform'

),

malicious_buyers as (

    select * from {{ ref('stg_platform__malicious_buyers') }}

),

classified_requests as (

    select
        orders.order_id,
        orders.shop_id,
        cast(orders.grouped_at as date) as grouped_date,
        cast(help_requests.created_at as date) + 1 as counts_from_date,
        -- NULL: a buyer never flagged leaves only the window bound.
        cast(malicious_buyers.flagged_at as date) as counts_until_date,
        -- SPEC §2: a reason code not in the seed is help, but in no dimension.
        coalesce(reason_codes.dimension, 'unclassified') as dimension,
        coalesce(reason_codes.reason_code, 'unclassified') as reason_code,
        platform_channels.channel is not null as is_platform_channel,
    from help_requests
    inner join orders
        on orders.order_id = help_requests.order_id
    left join reason_codes
        on reason_codes.reason_code = help_requests.reason_code
    left join platform_channels
        on platform_channels.channel = help_requests.channel
    left join malicious_buyers
        on malicious_buyers.buyer_id = help_requests.buyer_id
    -- SPEC §2: routine requests are ordinary questions and never count as help.
    where coalesce(reason_codes.dimension, 'unclassified') != 'routine'

),

request_metrics as (

    select
        order_id,
        shop_id,
        grouped_date,
        grouped_date as window_date,
        counts_from_date,
        counts_until_date,
        {% call unnest_list() %}
            -- <dimension>_help_rate: any channel, product/shipping/logistics reasons only.
            case
                when dimension in ('product', 'shipping', 'logistics')
                    then dimension || '_help_rate'
            end,
            -- <dimension>_platform_help_rate: the same on platform channels.
            case
                when dimension in ('product', 'shipping', 'logistics') and is_platform_channel
                    then dimension || '_platform_help_rate'
            end,
            -- platform_help_rate: any non-routine reason (service, unclassified too) on a platform channel.
            case
                when is_platform_channel then 'platform_help_rate'
            end,
            -- SPEC §8 core problems: orders affected by each reason, any channel and platform channels.
            'reason:' || reason_code,
            case
                when is_platform_channel then 'platform_reason:' || reason_code
            end,
        {% endcall %} as metric,
    from classified_requests

),

help_windows as (

    -- The help rates' windows (seed metric_catalogue) and, for the SPEC §8 reason keys, which are
    -- no metrics, the pdd order window (seed scheme_settings: the volume's).
    {{ metric_windows('pdd', 'help_rate') }}
    union all
    {{ metric_windows('pdd') }}

),

request_units as (

    select
        *,
        case when metric like '%reason:%' then 'volume' else metric end as window_metric,
    from request_metrics
    where metric is not null

),

request_validity as (

    {{ metric_unit_ranges('request_units', 'help_windows', window_key='window_metric') }}

),

final as (

    -- An order counts once per metric: its requests' ranges merged into islands (requests of
    -- different buyers can leave gaps).
    {{ metric_unit_islands('request_validity', ['order_id', 'shop_id', 'metric', 'grouped_date']) }}

)

select * from final
