{#-
    SPEC §10 / STYLE 11: rates are DOUBLE in [0, 1] and a numerator never exceeds its denominator.
    For the pdd metrics whose numerator units are a subset of the denominator units (help rates:
    orders in the window; reply_3min_rate: units; ticket_completion_rate: tickets). Returns the
    offending rows. dispute_refund_rate is checked apart (assert_pdd_dispute_refund_rate_bounded):
    its numerator is not a subset of its denominator.
-#}
with

metric_rows as (

    select score_date, shop_id, metric, numerator, denominator, value
    from {{ ref('int_pdd__help_rates_computed') }}
    union all
    select score_date, shop_id, metric, numerator, denominator, value
    from {{ ref('int_pdd__reply_3min_rates_computed') }}
    union all
    select score_date, shop_id, metric, numerator, denominator, value
    from {{ ref('int_pdd__ticket_completion_rates_computed') }}

)

select
    score_date,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
from metric_rows
where numerator < 0
    or numerator > denominator
    or value < 0
    or value > 1
    or (denominator = 0) != (value is null)
