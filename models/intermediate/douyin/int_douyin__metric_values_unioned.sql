{#-
    Every douyin metric model's rows in one relation (DESIGN: adding a metric model): a new douyin metric
    model is added to this list, and only here; int_metric_values_unioned finds this union by its name
    (macro metric_models_unioned makes it a view).
-#}
{{ metric_models_unioned([
    'int_douyin__signed_order_metrics_computed',
    'int_douyin__paid_order_metrics_computed',
    'int_douyin__after_sale_metrics_computed',
    'int_douyin__im_3min_reply_rates_computed',
]) }}
