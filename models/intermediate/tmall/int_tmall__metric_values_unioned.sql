{#-
    Every tmall metric model's rows in one relation (DESIGN: adding a metric model): a new tmall metric
    model is added to this list, and only here; int_metric_values_unioned finds this union by its name
    (macro metric_models_unioned makes it a view).
-#}
{{ metric_models_unioned([
    'int_tmall__product_rating_avgs_computed',
    'int_tmall__paid_order_metrics_computed',
    'int_tmall__refund_hours_computed',
    'int_tmall__wangwang_metrics_computed',
    'int_tmall__dispute_refund_rates_computed',
]) }}
