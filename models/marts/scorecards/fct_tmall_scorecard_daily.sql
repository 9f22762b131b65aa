{#-
    Wide tmall scorecard for BI: one row per (score_date, shop_id), every dimension score and flag of the
    scheme as its own column, the week-on-week change of the total and the peer rank band the merchant
    sees. Columns pivoted from seeds metric_catalogue / flag_rules / tmall_event_thresholds by the macro
    in macros/scorecards/scorecard_daily.sql (one implementation for the three schemes).
-#}
{{ scorecard_daily('tmall') }}
