from transforms.regions import province_of


def test_cities_map_to_their_province():
    assert province_of("长沙市") == "湖南省"
    assert province_of("武汉") == "湖北省"
    assert province_of("大庆市") == "黑龙江省"
    assert province_of("银川市") == "宁夏回族自治区"


def test_unknown_places_have_no_province():
    assert province_of("临泉县") is None
    assert province_of(None) is None
    assert province_of("市") is None
