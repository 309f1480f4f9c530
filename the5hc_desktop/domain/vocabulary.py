"""Keys, scales and bilingual names of the seven tests, four categories and their inputs."""

from __future__ import annotations

from enum import StrEnum

from .labels import Label

TEST_KEYS: tuple[str, ...] = (
    "push_up",
    "farmer_carry",
    "toe_touch",
    "shoulder_mobility",
    "overhead_squat",
    "balance",
    "step_test",
)
FMS_TESTS: frozenset[str] = frozenset({"shoulder_mobility", "overhead_squat"})
# Tests whose score is a whole level; farmer's carry and balance are real numbers.
INTEGER_TESTS: frozenset[str] = frozenset(TEST_KEYS) - {"farmer_carry", "balance"}
TEST_MIN: dict[str, int] = {key: 0 if key in FMS_TESTS else 1 for key in TEST_KEYS}
TEST_MAX: dict[str, int] = {key: 3 if key in FMS_TESTS else 4 for key in TEST_KEYS}

TEST_LABELS: dict[str, Label] = {
    "push_up": Label("푸시업", "Push-up"),
    "farmer_carry": Label("파머스 캐리", "Farmer's carry"),
    "toe_touch": Label("발끝 닿기", "Toe touch"),
    "shoulder_mobility": Label("어깨 가동성", "Shoulder mobility"),
    "overhead_squat": Label("오버헤드 스쿼트", "Overhead squat"),
    "balance": Label("한발 균형", "Single-leg balance"),
    "step_test": Label("하버드 스텝 테스트", "Harvard step test"),
}

CATEGORY_KEYS: tuple[str, ...] = ("strength", "mobility", "balance", "cardio")
CATEGORY_LABELS: dict[str, Label] = {
    "strength": Label("근력", "Strength"),
    "mobility": Label("유연성", "Mobility"),
    "balance": Label("균형", "Balance"),
    "cardio": Label("심폐지구력", "Cardio"),
}
OVERALL_LABEL = Label("종합 점수", "Overall score")
# Which tests feed which category (RULES §2).
CATEGORY_TESTS: dict[str, tuple[str, ...]] = {
    "strength": ("push_up", "farmer_carry"),
    "mobility": ("toe_touch", "shoulder_mobility"),
    "balance": ("balance", "overhead_squat"),
    "cardio": ("step_test",),
}
CATEGORY_WEIGHTS: dict[str, float] = {
    "strength": 0.30,
    "mobility": 0.25,
    "balance": 0.25,
    "cardio": 0.20,
}


class PushUpType(StrEnum):
    STANDARD = "standard"
    MODIFIED = "modified"
    WALL = "wall"

    @property
    def label(self) -> Label:
        return PUSH_UP_TYPE_LABELS[self]


PUSH_UP_TYPE_LABELS: dict[PushUpType, Label] = {
    PushUpType.STANDARD: Label("표준", "Standard"),
    PushUpType.MODIFIED: Label("무릎", "Modified (knee)"),
    PushUpType.WALL: Label("벽", "Wall"),
}


# Where an assessment took place (recorded and printed; not scored).
ENVIRONMENTS: tuple[str, ...] = ("indoor", "outdoor")


class OverheadSquatQuality(StrEnum):
    PAIN = "pain"
    CANNOT_SQUAT = "cannot_squat"
    COMPENSATIONS = "compensations"
    PERFECT = "perfect"

    @property
    def label(self) -> Label:
        return OHS_QUALITY_LABELS[self]


OHS_QUALITY_LABELS: dict[OverheadSquatQuality, Label] = {
    OverheadSquatQuality.PAIN: Label("동작 중 통증 발생", "Pain during the movement"),
    OverheadSquatQuality.CANNOT_SQUAT: Label("깊은 스쿼트 수행 불가능", "Cannot squat deep"),
    OverheadSquatQuality.COMPENSATIONS: Label("보상 동작 관찰됨", "Compensations observed"),
    OverheadSquatQuality.PERFECT: Label("완벽한 동작", "Perfect movement"),
}
# Words of the score selects (DOMAIN 11.3).
OHS_SCORE_LABELS: dict[int, Label] = {
    0: Label("통증", "Pain"),
    1: Label("불가", "Cannot perform"),
    2: Label("보상동작", "Compensation"),
    3: Label("완벽", "Perfect"),
}
SHOULDER_SCORE_LABELS: dict[int, Label] = {
    0: Label("통증", "Pain"),
    1: Label("2주먹 이상", "Beyond two fists"),
    2: Label("1.5주먹", "Within 1.5 fists"),
    3: Label("1주먹 이내", "Within one fist"),
}

INPUT_LABELS: dict[str, Label] = {
    "gender": Label("성별", "Gender"),
    "age": Label("나이", "Age"),
    "body_weight_kg": Label("체중 (kg)", "Body weight (kg)"),
    "push_up_reps": Label("푸시업 반복 횟수", "Push-up repetitions"),
    "push_up_type": Label("푸시업 타입", "Push-up type"),
    "farmer_carry_weight_kg": Label("파머스 캐리 무게 (kg)", "Farmer's carry weight (kg)"),
    "farmer_carry_distance_m": Label("파머스 캐리 거리 (m)", "Farmer's carry distance (m)"),
    "farmer_carry_time_s": Label("파머스 캐리 시간 (초)", "Farmer's carry time (s)"),
    "farmer_carry_percent": Label("파머스 캐리 체중 대비 %", "Farmer's carry % of body weight"),
    "toe_touch_cm": Label("발끝 닿기 거리 (cm)", "Toe touch distance (cm)"),
    "shoulder_mobility_score": Label("어깨 가동성 점수", "Shoulder mobility score"),
    "shoulder_pain": Label("클리어링 테스트 시 통증", "Pain on clearing test"),
    "shoulder_left_cm": Label("어깨 가동성 왼쪽 거리 (cm)", "Shoulder mobility, left (cm)"),
    "shoulder_right_cm": Label("어깨 가동성 오른쪽 거리 (cm)", "Shoulder mobility, right (cm)"),
    "overhead_squat_score": Label("오버헤드 스쿼트 점수", "Overhead squat score"),
    "knee_valgus": Label("무릎이 안쪽으로 모임", "Knee valgus"),
    "forward_lean": Label("과도한 전방 기울임", "Excessive forward lean"),
    "heel_lift": Label("발뒤꿈치 들림", "Heel lift"),
    "arm_drop": Label("팔 전방 하강", "Arms drop forward"),
    "balance_right_open_s": Label("오른발 눈 뜨고 (초)", "Right foot, eyes open (s)"),
    "balance_left_open_s": Label("왼발 눈 뜨고 (초)", "Left foot, eyes open (s)"),
    "balance_right_closed_s": Label("오른발 눈 감고 (초)", "Right foot, eyes closed (s)"),
    "balance_left_closed_s": Label("왼발 눈 감고 (초)", "Left foot, eyes closed (s)"),
    "step_test_duration_s": Label("스텝 테스트 지속 시간 (초)", "Step test duration (s)"),
    "step_test_pulse_1": Label("회복 1–1.5분 맥박 수 (30초)", "Pulse count, recovery 1–1.5 min"),
    "step_test_pulse_2": Label("회복 2–2.5분 맥박 수 (30초)", "Pulse count, recovery 2–2.5 min"),
    "step_test_pulse_3": Label("회복 3–3.5분 맥박 수 (30초)", "Pulse count, recovery 3–3.5 min"),
    "overrides": Label("점수 수동 입력", "Score overrides"),
}
