{#- The wide tmall scorecard for BI, one row per (score_date, shop_id): macro scorecard_daily writes it (one
    implementation for the three schemes; what it holds is described there and in the YAML). -#}
{{ scorecard_daily('tmall') }}
