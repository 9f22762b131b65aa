"""Fixed vocabularies of the synthetic platform: the category tree, shop-name parts, enums, reason codes.

Everything here is small and constant; the row-level data is generated in SQL (`generator.sql`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One node of the two-level category tree; `weight` is its share of shops (relative)."""

    category_id: str
    name: str
    parent_id: str | None
    weight: float
    rare: bool = False


# Level 1 (parent None) carries the weight of shops whose main category is the level-1 node itself.
# `rare` leaves get only a handful of shops at any size, so their peer group falls back to the parent.
CATEGORIES: tuple[Category, ...] = (
    Category("c10", "服装", None, 0.8),
    Category("c1001", "女装", "c10", 10.0),
    Category("c1002", "男装", "c10", 6.0),
    Category("c1003", "童装", "c10", 3.0),
    Category("c1004", "内衣袜子", "c10", 0.0, rare=True),
    Category("c20", "数码家电", None, 0.6),
    Category("c2001", "手机通讯", "c20", 4.0),
    Category("c2002", "电脑办公", "c20", 2.0),
    Category("c2003", "大家电", "c20", 2.0),
    Category("c2004", "智能穿戴", "c20", 0.0, rare=True),
    Category("c30", "食品生鲜", None, 0.6),
    Category("c3001", "休闲零食", "c30", 8.0),
    Category("c3002", "水果生鲜", "c30", 7.0),
    Category("c3003", "茶饮冲调", "c30", 2.0),
    Category("c3004", "粮油调味", "c30", 1.5),
    Category("c40", "美妆个护", None, 0.4),
    Category("c4001", "护肤", "c40", 5.0),
    Category("c4002", "彩妆", "c40", 3.0),
    Category("c4003", "个人护理", "c40", 3.0),
    Category("c50", "家居日用", None, 0.4),
    Category("c5001", "家纺", "c50", 3.0),
    Category("c5002", "厨具", "c50", 3.0),
    Category("c5003", "收纳清洁", "c50", 4.0),
    Category("c5004", "灯具照明", "c50", 0.0, rare=True),
    Category("c60", "母婴", None, 0.3),
    Category("c6001", "奶粉辅食", "c60", 2.0),
    Category("c6002", "玩具", "c60", 2.0),
    Category("c6003", "孕产用品", "c60", 0.0, rare=True),
    Category("c70", "运动户外", None, 0.3),
    Category("c7001", "运动鞋服", "c70", 3.0),
    Category("c7002", "户外装备", "c70", 1.0),
    Category("c7003", "健身器材", "c70", 0.8),
    Category("c80", "图书文具", None, 0.2),
    Category("c8001", "图书", "c80", 1.0),
    Category("c8002", "文具", "c80", 0.0, rare=True),
)

# A shop whose main category is this level-1 node exists at any size (more get one by weight).
LEVEL1_SHOP_CATEGORY = "c30"

# Expected number of shops in a rare leaf, whatever the number of shops (fewer than min_peer_shops).
RARE_LEAF_SHOPS = 4.0

SHOP_NAME_HEADS: tuple[str, ...] = (
    "小米之家", "花间集", "山野", "良品", "百草园", "星河", "悦动", "云朵", "暖阳", "青木", "鹿角巷", "锦绣",
    "优选", "潮流", "匠心", "初见", "小熊", "橙子", "麦田", "海盐",
)
SHOP_NAME_MIDS: tuple[str, ...] = ("", "生活", "数码", "家居", "食品", "服饰", "美妆", "母婴", "户外", "文创")
SHOP_NAME_TAILS: tuple[str, ...] = ("旗舰店", "专营店", "专卖店", "官方旗舰店", "小店", "生活馆", "工厂店", "优品店")

CARRIERS: tuple[str, ...] = ("中通快递", "圆通速递", "韵达快递", "申通快递", "顺丰速运", "极兔速递", "邮政EMS", "京东物流")

# SPEC §2 help reason taxonomy, plus codes the taxonomy does not know (unclassified help).
HELP_REASONS: dict[str, tuple[str, ...]] = {
    "product": ("quality_defect", "not_as_described", "wrong_item", "missing_parts", "size_mismatch", "odor",
                "damaged_item"),
    "shipping": ("late_shipment", "urge_shipment", "out_of_stock", "shipping_info_error"),
    "logistics": ("logistics_stalled", "not_received", "signed_not_received", "damaged_in_transit",
                  "courier_attitude"),
    "service": ("merchant_attitude", "refund_dispute", "invoice_issue"),
    "routine": ("install_howto", "when_ship", "usage_question", "presale_question"),
}
UNKNOWN_HELP_REASONS: tuple[str, ...] = ("battery_swelling", "counterfeit_suspected")

# SPEC §2 after-sale reasons: quality or logistics problems, and the others.
AFTER_SALE_QUALITY_REASONS: tuple[str, ...] = (
    "quality_defect", "not_as_described", "wrong_item", "damaged_item", "damaged_in_transit", "lost_in_transit",
)
AFTER_SALE_OTHER_REASONS: tuple[str, ...] = ("no_reason_7day", "changed_mind", "bought_wrong", "price_protection",
                                             "other")

MALICIOUS_REASONS: tuple[str, ...] = ("恶意投诉", "职业索赔", "恶意退款", "虚假交易")

CHANNELS: tuple[str, ...] = (
    "merchant_chat", "after_sale", "platform_intervention", "platform_cs_online", "platform_cs_hotline", "complaint",
)
PROGRAMS: tuple[str, ...] = ("billion_subsidy", "bargain", "checkin")


def sql_list(values: tuple[str, ...]) -> str:
    """A DuckDB list literal of strings, e.g. ['a', 'b'] (index it 1-based)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def category_pick_rows(shops: int) -> list[tuple[str, float, float]]:
    """(category_id, lo, hi): a shop whose uniform draw u falls in [lo, hi) gets that main category.

    Rare leaves get RARE_LEAF_SHOPS expected shops (at most 2% each), the rest share out by weight.
    """
    rare_share = min(0.02, RARE_LEAF_SHOPS / max(shops, 1))
    n_rare = sum(1 for c in CATEGORIES if c.rare)
    common_total = sum(c.weight for c in CATEGORIES if not c.rare)
    shares = [
        (c.category_id, rare_share if c.rare else (1.0 - n_rare * rare_share) * c.weight / common_total)
        for c in CATEGORIES
    ]
    rows: list[tuple[str, float, float]] = []
    lo = 0.0
    for i, (category_id, share) in enumerate(shares):
        hi = 2.0 if i == len(shares) - 1 else lo + share
        rows.append((category_id, lo, hi))
        lo = hi
    return rows
